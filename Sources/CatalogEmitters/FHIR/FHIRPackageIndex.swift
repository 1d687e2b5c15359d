/// One resource of the package as `.index.json` lists it (FHIR NPM package specification,
/// index-version 2: `filename`, `resourceType`, `id`, `url`, `version`, and `kind`/`type`
/// for StructureDefinitions, which this package has none of).
struct FHIRIndexEntry {
    var filename: String
    var resourceType: String
    var id: String
    /// Nil for a NamingSystem (R4 gives it neither URL nor version).
    var url: String?
    var version: String?
}

/// `package/.index.json`: what tools read instead of opening every resource.
enum FHIRPackageIndex {
    static func render(_ entries: [FHIRIndexEntry]) -> [UInt8] {
        var w = JSONWriter()
        w.object { w in
            w.field("index-version", 2)
            w.key("files")
            w.array { w in
                for e in entries.sorted(by: { $0.filename < $1.filename }) {
                    w.object { w in
                        w.field("filename", e.filename)
                        w.field("resourceType", e.resourceType)
                        w.field("id", e.id)
                        w.field("url", e.url)
                        w.field("version", e.version)
                    }
                }
            }
        }
        return w.finish()
    }
}
