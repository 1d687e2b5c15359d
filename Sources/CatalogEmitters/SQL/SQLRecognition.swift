import CatalogCore

/// The recognition rules in SQL (format 2.1.0; the not-enough-information decision from 2.3.0): the rule tables, two tables a vendor fills
/// with laboratories (`laboratory`: id, quality level, ISO 15189 accreditation;
/// `laboratory_iso15189_scope`: the codes in each accredited scope), and two views answering
/// "may a result for code X from laboratory A be reused by laboratory B":
/// `lab_recognition_reason` (every rule weighed, with its clause) and `lab_recognition` (the
/// decision and the doctor's final say). The views read the rules from the tables, so the
/// levels, outcomes and applicability stay data. PostgreSQL also gets a function,
/// `recognize_laboratory_result(code, performing_level, receiving_level, performing_scope,
/// receiving_scope)`, for a question about laboratories that are not in the table (a level
/// may be NULL: unknown; a scope NULL: not accredited).
enum SQLRecognition {
    static func ddl(_ dialect: SQLEmitter.Dialect) -> String {
        let t = dialect.table
        return """
        CREATE TABLE IF NOT EXISTS \(t("recognition_clause")) (
          id TEXT PRIMARY KEY,
          citation TEXT NOT NULL,
          text_vi TEXT NOT NULL,
          text_en TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS \(t("recognition_quality_level")) (
          level INTEGER PRIMARY KEY,
          name_vi TEXT NOT NULL,
          name_en TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS \(t("recognition_rule")) (
          id TEXT PRIMARY KEY,
          position INTEGER NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN (\(SQLSchema.list(RecognitionRuleKind.allowedValues)))),
          fact TEXT CHECK (fact IN (\(SQLSchema.list(StudyFact.allowedValues)))),
          level INTEGER REFERENCES \(t("recognition_quality_level")) (level) DEFERRABLE INITIALLY DEFERRED,
          outcome TEXT NOT NULL CHECK (outcome IN (\(SQLSchema.list(RecognitionOutcome.allowedValues)))),
          clause TEXT NOT NULL REFERENCES \(t("recognition_clause")) (id) DEFERRABLE INITIALLY DEFERRED,
          text_vi TEXT NOT NULL,
          text_en TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS \(t("recognition_rule_annex")) (
          rule_id TEXT NOT NULL REFERENCES \(t("recognition_rule")) (id) DEFERRABLE INITIALLY DEFERRED,
          annex INTEGER NOT NULL REFERENCES \(t("annex")) (number),
          PRIMARY KEY (rule_id, annex)
        );

        CREATE TABLE IF NOT EXISTS \(t("recognition_rule_modality")) (
          rule_id TEXT NOT NULL REFERENCES \(t("recognition_rule")) (id) DEFERRABLE INITIALLY DEFERRED,
          modality TEXT NOT NULL CHECK (modality IN (\(SQLSchema.list(Modality.allowedValues)))),
          PRIMARY KEY (rule_id, modality)
        );

        CREATE TABLE IF NOT EXISTS \(t("laboratory")) (
          id TEXT PRIMARY KEY,
          level INTEGER NOT NULL CHECK (level >= 0),
          iso15189_accredited INTEGER NOT NULL DEFAULT 0 CHECK (iso15189_accredited IN (0, 1))
        );

        CREATE TABLE IF NOT EXISTS \(t("laboratory_iso15189_scope")) (
          laboratory_id TEXT NOT NULL REFERENCES \(t("laboratory")) (id),
          entry_code TEXT NOT NULL,
          PRIMARY KEY (laboratory_id, entry_code)
        );

        DROP VIEW IF EXISTS \(t("lab_recognition"));
        DROP VIEW IF EXISTS \(t("lab_recognition_reason"));

        CREATE VIEW \(t("lab_recognition_reason")) AS
        SELECT e.code AS code, p.id AS performing_lab, r.id AS receiving_lab, ru.position AS position, ru.id AS rule_id, ru.kind AS kind,
          CASE ru.kind
            WHEN 'minimum-level' THEN CASE WHEN p.level >= ru.level THEN 'met' ELSE 'not-met' END
            WHEN 'level-order' THEN CASE WHEN r.level <= p.level THEN 'met' ELSE 'not-met' END
            ELSE CASE
              WHEN p.iso15189_accredited = 0 OR r.iso15189_accredited = 0 THEN 'not-applicable'
              WHEN EXISTS (SELECT 1 FROM \(t("laboratory_iso15189_scope")) s WHERE s.laboratory_id = p.id AND s.entry_code = e.code)
               AND EXISTS (SELECT 1 FROM \(t("laboratory_iso15189_scope")) s WHERE s.laboratory_id = r.id AND s.entry_code = e.code) THEN 'met'
              ELSE 'not-met' END
          END AS status,
          ru.outcome AS outcome, ru.clause AS clause, c.citation AS citation, ru.text_vi AS text_vi, ru.text_en AS text_en
        FROM \(t("entry")) e
        JOIN \(t("annex")) a ON a.number = e.annex AND a.kind = 'laboratory'
        CROSS JOIN \(t("laboratory")) p
        CROSS JOIN \(t("laboratory")) r
        JOIN \(t("recognition_rule")) ru ON ru.kind IN ('minimum-level', 'level-order', 'iso15189-scope')
          AND (NOT EXISTS (SELECT 1 FROM \(t("recognition_rule_annex")) ra WHERE ra.rule_id = ru.id)
               OR EXISTS (SELECT 1 FROM \(t("recognition_rule_annex")) ra WHERE ra.rule_id = ru.id AND ra.annex = e.annex))
        JOIN \(t("recognition_clause")) c ON c.id = ru.clause;

        CREATE VIEW \(t("lab_recognition")) AS
        SELECT code, performing_lab, receiving_lab,
          CASE
            WHEN SUM(CASE WHEN kind IN ('minimum-level', 'level-order') AND status <> 'met' THEN 1 ELSE 0 END) = 0
              OR SUM(CASE WHEN kind = 'iso15189-scope' AND status = 'met' THEN 1 ELSE 0 END) > 0 THEN 'reusable'
            WHEN SUM(CASE WHEN kind IN ('minimum-level', 'level-order') AND status = 'not-met' AND outcome = 'not-reusable' THEN 1 ELSE 0 END) > 0 THEN 'not-reusable'
            WHEN SUM(CASE WHEN kind IN ('minimum-level', 'level-order') AND status = 'not-met' THEN 1 ELSE 0 END) > 0 THEN 'doctor-judgement'
            ELSE 'not-enough-information'
          END AS decision,
          (SELECT d.text_vi FROM \(t("recognition_rule")) d WHERE d.kind = 'doctor-decides' ORDER BY d.position LIMIT 1) AS doctors_final_say_vi,
          (SELECT d.text_en FROM \(t("recognition_rule")) d WHERE d.kind = 'doctor-decides' ORDER BY d.position LIMIT 1) AS doctors_final_say_en
        FROM \(t("lab_recognition_reason"))
        GROUP BY code, performing_lab, receiving_lab;

        """ + (dialect == .postgresql ? function : "")
    }

    /// The PostgreSQL function: the decision repeated on each row, one row per rule weighed, the
    /// doctor's rule last with status 'always'; no row for a code that is not a laboratory entry.
    static let function = """
        CREATE OR REPLACE FUNCTION lienthong.recognize_laboratory_result(
          p_code TEXT, p_performing_level INTEGER, p_receiving_level INTEGER,
          p_performing_scope TEXT[] DEFAULT NULL, p_receiving_scope TEXT[] DEFAULT NULL)
        RETURNS TABLE (decision TEXT, rule_position INTEGER, rule_id TEXT, status TEXT, clause TEXT, citation TEXT, text_vi TEXT, text_en TEXT)
        LANGUAGE sql STABLE AS $$
          WITH reasons AS (
            SELECT ru.position AS pos, ru.id AS rid, ru.kind AS rkind, ru.outcome AS routcome, ru.clause AS rclause, c.citation AS rcitation,
              ru.text_vi AS rvi, ru.text_en AS ren,
              CASE ru.kind
                WHEN 'minimum-level' THEN CASE WHEN p_performing_level IS NULL THEN 'unknown' WHEN p_performing_level >= ru.level THEN 'met' ELSE 'not-met' END
                WHEN 'level-order' THEN CASE WHEN p_performing_level IS NULL OR p_receiving_level IS NULL THEN 'unknown'
                                             WHEN p_receiving_level <= p_performing_level THEN 'met' ELSE 'not-met' END
                ELSE CASE WHEN p_performing_scope IS NULL OR p_receiving_scope IS NULL THEN 'not-applicable'
                          WHEN p_code = ANY (p_performing_scope) AND p_code = ANY (p_receiving_scope) THEN 'met' ELSE 'not-met' END
              END AS rstatus
            FROM lienthong.entry e
            JOIN lienthong.annex a ON a.number = e.annex AND a.kind = 'laboratory'
            JOIN lienthong.recognition_rule ru ON ru.kind IN ('minimum-level', 'level-order', 'iso15189-scope')
              AND (NOT EXISTS (SELECT 1 FROM lienthong.recognition_rule_annex ra WHERE ra.rule_id = ru.id)
                   OR EXISTS (SELECT 1 FROM lienthong.recognition_rule_annex ra WHERE ra.rule_id = ru.id AND ra.annex = e.annex))
            JOIN lienthong.recognition_clause c ON c.id = ru.clause
            WHERE e.code = p_code
          ), verdict AS (
            SELECT CASE
                WHEN count(*) FILTER (WHERE rkind IN ('minimum-level', 'level-order') AND rstatus <> 'met') = 0
                  OR count(*) FILTER (WHERE rkind = 'iso15189-scope' AND rstatus = 'met') > 0 THEN 'reusable'
                WHEN count(*) FILTER (WHERE rkind IN ('minimum-level', 'level-order') AND rstatus = 'not-met' AND routcome = 'not-reusable') > 0 THEN 'not-reusable'
                WHEN count(*) FILTER (WHERE rkind IN ('minimum-level', 'level-order') AND rstatus = 'not-met') > 0 THEN 'doctor-judgement'
                ELSE 'not-enough-information'
              END AS verdict
            FROM reasons HAVING count(*) > 0
          )
          SELECT * FROM (
            SELECT v.verdict, r.pos, r.rid, r.rstatus, r.rclause, r.rcitation, r.rvi, r.ren FROM reasons r CROSS JOIN verdict v
            UNION ALL
            SELECT v.verdict, d.position, d.id, 'always', d.clause, c.citation, d.text_vi, d.text_en
            FROM verdict v CROSS JOIN lienthong.recognition_rule d JOIN lienthong.recognition_clause c ON c.id = d.clause
            WHERE d.kind = 'doctor-decides'
          ) answer ORDER BY 2
        $$;

        """

    /// The rule rows, replacing those of a previous load.
    static func rows(_ rules: RecognitionRules?, into b: inout SQLBuffer) {
        b.perDialect { d in
            ["recognition_rule_modality", "recognition_rule_annex", "recognition_rule", "recognition_quality_level", "recognition_clause"]
                .map { "DELETE FROM \(d.table($0));\n" }.joined() + "\n"
        }
        guard let rules else { return }
        b.insert("recognition_clause", ["id", "citation", "text_vi", "text_en"], count: rules.clauses.count, key: nil) { b, i in
            let c = rules.clauses[i]
            b.values([.text(c.id), .text(c.citation), .text(c.textVi), .text(c.textEn)])
        }
        b.insert("recognition_quality_level", ["level", "name_vi", "name_en"], count: rules.qualityLevels.count, key: nil) { b, i in
            let q = rules.qualityLevels[i]
            b.values([.int(Int64(q.level)), .text(q.nameVi), .text(q.nameEn)])
        }
        b.insert("recognition_rule", ["id", "position", "kind", "fact", "level", "outcome", "clause", "text_vi", "text_en"], count: rules.rules.count, key: nil) { b, i in
            let r = rules.rules[i]
            b.values([.text(r.id), .int(Int64(i + 1)), .text(r.kind.rawValue), .text(r.fact?.rawValue), r.level.map { .int(Int64($0)) } ?? .text(nil),
                      .text(r.outcome.rawValue), .text(r.clause), .text(r.textVi), .text(r.textEn)])
        }
        let annexes = rules.rules.flatMap { r in r.annexes.map { (r.id, $0) } }
        b.insert("recognition_rule_annex", ["rule_id", "annex"], count: annexes.count, key: nil) { b, i in
            b.values([.text(annexes[i].0), .int(Int64(annexes[i].1))])
        }
        let modalities = rules.rules.flatMap { r in r.modalities.map { (r.id, $0) } }
        b.insert("recognition_rule_modality", ["rule_id", "modality"], count: modalities.count, key: nil) { b, i in
            b.values([.text(modalities[i].0), .text(modalities[i].1.rawValue)])
        }
    }
}
