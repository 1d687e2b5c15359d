/// The history of every format version: what each version of each artifact family (and of
/// `index.json`, `release.json` and the diff report) changed, in the order they were made. A
/// format-version bump adds its line here; `lienthong reference-docs` refuses to render while a
/// current format version has none, so the history in `docs/reference/formats.md` is complete.
public enum FormatHistory {
    /// One format version and what it changed.
    public struct Change: Sendable {
        /// The family (`json`, `csv`, ...), `index.json`, `release.json`, `diff report`, or `all`
        /// for the first shape of every family.
        public var family: String
        /// The format version.
        public var version: String
        /// The catalog version that first carried it.
        public var catalog: String
        /// What changed, in Markdown.
        public var change: String
    }

    /// The current format version of `family`: its newest line here (or 1.0.0, the first
    /// shape of every family). Every family, `index.json`, `release.json` and the diff report
    /// take their version from this table, so a bump is one line here and nothing else.
    public static func current(_ family: String) -> String {
        changes.last { $0.family == family }?.version ?? "1.0.0"
    }

    /// Every change, oldest first.
    public static let changes: [Change] = [
        Change(family: "all", version: "1.0.0", catalog: "2026.1.0", change: "First published shape."),
        Change(family: "index.json", version: "1.1.0", catalog: "2026.1.0", change: "Each release gains `status` (draft or published) and, once published, `releaseManifest` (path and SHA-256 of `release.json`); `latestPublished`."),
        Change(family: "release.json", version: "1.0.0", catalog: "2026.1.0", change: "First shape: identity, version, previous release, families, archives, files with size and SHA-256."),
        Change(family: "json", version: "1.1.0", catalog: "2026.2.0", change: "Metadata gains `status`, `experimental`, `license` and `notices` (the LOINC and RSNA notices of the systems mapped)."),
        Change(family: "fhir", version: "2.0.0", catalog: "2026.2.0", change: "Resources carry the edition's `status` and `experimental`, `jurisdiction` VN and a `copyright` (the catalog's licence, and on each ConceptMap its target's notice); `package/other/NOTICE`; `.index.json`; `package.json` gains `license`, `url`, `jurisdiction`, type `Conformance`; a ValueSet of all codes (`…-all`) is the CodeSystem's `valueSet` and the ConceptMaps' `sourceCanonical`; `status`/`inactive` properties use HL7's URIs; properties `statusReason` and `method` added; no ConceptMap for a system without mappings (the RadLex one is gone while it has none)."),
        Change(family: "csv", version: "1.1.0", catalog: "2026.2.0", change: "`csv/NOTICE`: the catalog's licence and the notices of the systems mapped."),
        Change(family: "sql", version: "2.0.0", catalog: "2026.2.0", change: "Tables in the `lienthong` schema (PostgreSQL) or with a `lienthong_` prefix (SQLite), indexes prefixed `lienthong_`; `entry.name_folded` with its index; the older-version refusal names both versions in SQLite too; `NOTICE` beside each dialect's script. A database loaded with format 1 keeps its unprefixed tables: drop them after moving to format 2, or upgrade it in place with 2026.3.0's `upgrade-from-2026.1.0` script."),
        Change(family: "swift", version: "2.0.0", catalog: "2026.2.0", change: "Every attribute of an entry: `statusReason`, `unmappedReason`, `specimen`/`method`, `modality`/`bodyRegion`/`contrast`/`laterality` as enums; `nationalCodes` are `NationalCode` values (`maTuongDuong`, `tt23`) instead of strings; mappings gain `comment`; a query by attributes; `editionStatus`, `experimental`, `license`, `notices`; vocabulary enums spell their raw values; `swift/NOTICE`."),
        Change(family: "json", version: "1.2.0", catalog: "2026.2.0", change: "`recognition`: the conditions of Article 2 (`clauses`, `qualityLevels`, `rules`), when the sources state them."),
        Change(family: "sql", version: "2.1.0", catalog: "2026.2.0", change: "Tables `recognition_clause`, `recognition_quality_level`, `recognition_rule`, `recognition_rule_annex`, `recognition_rule_modality`; tables a vendor fills, `laboratory` and `laboratory_iso15189_scope`; views `lab_recognition_reason` and `lab_recognition`; in PostgreSQL the function `lienthong.recognize_laboratory_result(code, performing_level, receiving_level, performing_scope, receiving_scope)`."),
        Change(family: "swift", version: "2.1.0", catalog: "2026.2.0", change: "`Recognition.swift`: `LienThongCatalog.recognitionRules`, `qualityLevels`, `recognizeLaboratoryResult(...)`, `recognizeImagingResult(code:facts:)` returning a `RecognitionDecision` with its reasons and the doctor's final say."),
        Change(family: "sssom", version: "1.0.0", catalog: "2026.2.0", change: "Same shape; the metadata `comment` carries the catalog's licence and the notices of the systems mapped."),
        Change(family: "json", version: "1.3.0", catalog: "2026.3.0", change: "Each entry gains `versionFirstReleased` and `versionLastChanged`: the first release that carried its code and the latest in which it changed."),
        Change(family: "csv", version: "1.2.0", catalog: "2026.3.0", change: "`entries.csv` and `annex-N.csv` end with the columns `versionFirstReleased` and `versionLastChanged`."),
        Change(family: "fhir", version: "2.1.0", catalog: "2026.3.0", change: "CodeSystem properties `versionFirstReleased` and `versionLastChanged` (type string, the catalog's own URIs), a value of each on every concept."),
        Change(family: "swift", version: "2.2.0", catalog: "2026.3.0", change: "`CatalogEntry.versionFirstReleased` and `versionLastChanged` (`String`); `Columns` gains their arrays."),
        Change(family: "sssom", version: "1.1.0", catalog: "2026.3.0", change: "Columns `subject_version_first_released` and `subject_version_last_changed`, declared as extension slots in `extension_definitions`; `xsd` in `curie_map`."),
        Change(family: "xlsx", version: "1.1.0", catalog: "2026.3.0", change: "Annex sheets end with `Phát hành lần đầu (versionFirstReleased)` and `Thay đổi lần cuối (versionLastChanged)`, computed (`import` ignores them, `LT1012`)."),
        Change(family: "site", version: "1.1.0", catalog: "2026.3.0", change: "Entry pages list \"Phát hành lần đầu / First released\" and \"Thay đổi lần cuối / Last changed\"."),
        Change(family: "sql", version: "2.2.0", catalog: "2026.3.0", change: "`entry.version_first_released` and `entry.version_last_changed` (added at the end of the table, where an upgrade's `ALTER TABLE` puts them); releases carry upgrade scripts in `changes/delta/`."),
        Change(family: "diff report", version: "1.1.0", catalog: "2026.3.0", change: "Class `detail-changed`."),
        Change(family: "sql", version: "2.3.0", catalog: "2026.4.0", change: "Recognition: the decision `not-enough-information` (an essential condition unknown), separate from `doctor-judgement`; the facts and rules of body part, contrast and laterality; the upgrade from 2.2.0 replaces the fact check constraint (PostgreSQL) and recreates the rule tables (SQLite); the PostgreSQL scripts (`catalog.sql`, the upgrade scripts) set `standard_conforming_strings = on` after `client_encoding`, so a name holding `\\'` loads whatever the server's default. `entry.scale` (the laboratory result scale, quantitative or qualitative, where the national name states it), added by the upgrade scripts' `ALTER TABLE … ADD COLUMN` after the history columns."),
        Change(family: "swift", version: "2.3.0", catalog: "2026.4.0", change: "Recognition: `RecognitionOutcome.notEnoughInformation`, the facts of body part, contrast and laterality, and Vietnamese and English details of every reason; `ResultScale` and `CatalogEntry.scale` (laboratory result scale), a query parameter `scale:`."),
        Change(family: "index.json", version: "1.2.0", catalog: "2026.4.0", change: "A signed release records `signature` (path and SHA-256 of `release.json.sig`), so a signature removed later is noticed (`lienthong sign` adds one to a release published unsigned)."),
        Change(family: "csv", version: "1.3.0", catalog: "2026.4.0", change: "Entry tables gain `scale` after `method` (laboratory result scale, `quantitative` or `qualitative`, where the national name states it); the attribute columns come from one registry of entry fields."),
        Change(family: "json", version: "1.4.0", catalog: "2026.4.0", change: "A laboratory entry may carry `scale` (`quantitative` or `qualitative`, where the national name states it); `catalog.schema.json` declares it. Each mapping gains `evidence`: the reference row that confirms it (`file` inside `annexes/reference`, `line`, the source's `release` and `source` as `SOURCES.md` records them, `code`, `name`), the axes or playbook parts that `agrees`, that the row leaves `unspecified` and that `disagrees` (rule LT0614), and every compared one in `axes` (`axis`, `entry`, `reference`, `agreement`)."),
        Change(family: "fhir", version: "2.2.0", catalog: "2026.4.0", change: "CodeSystem property `scale` (code: the laboratory result scale the national name states). The package gains the ConceptMap national code (mã tương đương) → catalog code (`…-from-national`, group source `<canonical base>/CodeSystem/ma-tuong-duong`, the catalog's identifier for the national list's codes, `targetVersion` the catalog version), a NamingSystem of the CodeSystem's URL and OID (`…-naming`), and the OperationDefinition of `$recognize` (`…-recognize`); `.index.json` lists the NamingSystem without `url` and `version` (R4 gives it neither)."),
        Change(family: "xlsx", version: "1.2.0", catalog: "2026.4.0", change: "A sheet `Giá trị cho phép` (allowed values: `Cột (field)`, `Phụ lục (annex)`, `Giá trị (value)`, `Nghĩa tiếng Việt (vi)`, `Nghĩa tiếng Anh (en)`) listing each annex's group ids and every value of status, specimen, modality, bodyRegion, contrast, laterality, system and relationship with its meaning; those columns of the annex and mappings sheets have drop-down lists pointing into it; the coverage table's counts and percentages are numbers. Laboratory annex sheets gain the column `Kiểu kết quả (scale)` after `Phương pháp (method)`. The mappings sheet ends with `Bằng chứng (evidence)`: the reference row that confirms each mapping and the axes that agree; computed, `import` ignores it."),
        Change(family: "site", version: "1.2.0", catalog: "2026.4.0", change: "Entry pages show the result scale of a laboratory entry; `assets/search-index.js` carries each entry's names folded by the build (elements 7 and 8: Vietnamese name, and name, English name, code and national codes together), so the page folds only the query. Under each mapping of an entry page, the line \"Xác nhận bởi / confirmed by\" naming the reference file, release, line, code and name, and the axes that agree, are unspecified or disagree."),
        Change(family: "diff report", version: "1.2.0", catalog: "2026.4.0", change: "Classes `clarified-vi` and `clarified-en` (a rename the manifest's `clarifications` declares editorial: not breaking) and each such change's `clarification` (reason, file, line)."),
        Change(family: "sssom", version: "1.2.0", catalog: "2026.4.0", change: "Columns `object_source_version` (the release of the reference source whose row confirms the object) and `other` (the evidence as `key=value` pairs separated by `|`: `evidence_file`, `evidence_line`, `evidence_code`, `evidence_name`, `agrees`, `unspecified`, `disagrees`)."),
    ]

    /// Whether the history says what `version` of `family` is: its own line, or the first
    /// shape every family shares.
    static func records(family: String, version: String) -> Bool {
        changes.contains { ($0.family == family || $0.family == "all") && $0.version == version }
    }
}
