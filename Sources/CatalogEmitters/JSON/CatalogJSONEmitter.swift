import CatalogCore

/// `json/catalog.json`: the whole catalog in one document: metadata, annexes with their
/// groups, and every entry with its attributes, national codes and mappings. Optional
/// members are left out rather than written as null.
public struct CatalogJSONEmitter: ArtifactFamily {
    public let name = "json"
    public let formatVersion = FormatHistory.current("json")
    public let weight = 2

    public init() {}

    public func emit(_ catalog: Catalog, to output: any ArtifactOutput) {
        var w = JSONWriter(to: output.open("json/catalog.json"))
        let m = catalog.metadata
        w.object { w in
            w.field("formatVersion", formatVersion)
            w.field("canonicalUrl", m.canonicalUrl)
            w.field("oid", m.oid)
            w.field("name", m.name)
            w.field("version", m.version.description)
            w.field("titleVi", m.titleVi)
            w.field("titleEn", m.titleEn)
            w.field("effectiveDate", m.effectiveDate)
            w.field("publisher", m.publisher)
            w.field("legalBasis", strings: m.legalBasis)
            w.field("description", m.description)
            w.field("status", m.status.rawValue)
            w.field("experimental", m.experimental)
            w.field("license", m.license)
            w.key("notices")
            w.array { w in
                for notice in Notices.inUse(catalog) {
                    w.object { w in
                        w.field("system", notice.system.uri)
                        w.field("text", notice.text)
                    }
                }
            }
            w.key("annexes")
            w.array { w in for annex in catalog.annexes { write(annex, count: catalog.entries(inAnnex: annex.number).count, to: &w) } }
            w.key("coverage")
            CoverageJSON.write(CoverageReport(catalog), to: &w)
            if let recognition = catalog.recognition {
                w.key("recognition")
                RecognitionJSON.write(recognition, to: &w)
            }
            w.key("entries")
            w.array { w in
                for entry in catalog.entries {
                    write(entry, history: catalog.history(of: entry), to: &w)
                    w.flushIfFull()
                }
            }
        }
        w.close()
        output.write(CatalogSchemaEmitter.render(baseURL: m.canonicalUrl, formatVersion: formatVersion))
    }

    private func write(_ annex: Annex, count: Int, to w: inout JSONWriter) {
        w.object { w in
            w.field("number", annex.number)
            w.field("prefix", annex.prefix)
            w.field("kind", annex.kind.rawValue)
            w.field("titleVi", annex.titleVi)
            w.field("titleEn", annex.titleEn)
            w.field("entryCount", count)
            w.key("groups")
            w.array { w in
                for g in annex.groups {
                    w.object { w in
                        w.field("id", g.id)
                        w.field("nameVi", g.nameVi)
                        w.field("nameEn", g.nameEn)
                    }
                }
            }
        }
    }

    private func write(_ e: Entry, history: EntryHistory, to w: inout JSONWriter) {
        w.object { w in
            w.field("code", e.code)
            w.field("annex", e.annex)
            w.field("group", e.group)
            w.field("status", e.status.rawValue)
            w.field("statusReason", e.statusReason)
            w.field("replacedBy", e.replacedBy)
            w.field("nameVi", e.nameVi)
            w.field("nameEn", e.nameEn)
            for field in EntryFields.attributes(of: e.attributes.kind) {
                w.field(field.name, e.attributes.value(of: field))
            }
            w.key("nationalCodes")
            w.array { w in
                for n in e.nationalCodes {
                    w.object { w in
                        w.field("maTuongDuong", n.maTuongDuong)
                        w.field("tt23", n.tt23)
                    }
                }
            }
            w.key("mappings")
            w.array { w in
                for m in e.mappings {
                    w.object { w in
                        w.field("system", m.system.uri)
                        w.field("code", m.code)
                        w.field("display", m.display)
                        w.field("relationship", m.relationship.rawValue)
                        w.field("comment", m.comment)
                        if let evidence = m.evidence {
                            w.key("evidence")
                            Self.evidence(evidence, &w)
                        }
                    }
                }
            }
            w.field("unmappedReason", e.unmappedReason)
            w.field("versionFirstReleased", history.firstReleased.description)
            w.field("versionLastChanged", history.lastChanged.description)
        }
    }

    /// A mapping's evidence: the confirming row (file, line, release, code, name), the axes
    /// that agree, that the row leaves unspecified, that disagree, and every axis compared.
    static func evidence(_ e: MappingEvidence, _ w: inout JSONWriter) {
        w.object { w in
            w.field("file", e.file)
            w.field("line", e.line)
            w.field("release", e.release)
            w.field("source", e.sourceTitle)
            w.field("code", e.code)
            w.field("name", e.name)
            w.field("agrees", strings: e.agreeing)
            w.field("unspecified", strings: e.unspecified)
            w.field("disagrees", strings: e.disagreeing)
            w.key("axes")
            w.array { w in
                for a in e.axes {
                    w.object { w in
                        w.field("axis", a.axis)
                        w.field("entry", a.entry)
                        w.field("reference", a.reference)
                        w.field("agreement", a.agreement.rawValue)
                    }
                }
            }
        }
    }
}
