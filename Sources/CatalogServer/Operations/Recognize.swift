import CatalogCore

extension Terminology {
    /// `$recognize`, an operation of this catalog: may a result of `code` from another
    /// facility be reused here (Article 2)? The decision comes from the release's recognition
    /// rules through the same ``RecognitionEngine`` as `lienthong recognize`. Laboratory facts:
    /// `performingLevel`, `receivingLevel`, `performingScope`, `receivingScope` (codes,
    /// comma-separated or repeated); imaging facts: `fact` as `name=yes|no`, repeated.
    public func recognize(_ input: OperationInput) throws -> JSONValue {
        let code = try input.required("code")
        let release = try self.release(system: try input.string("system"), version: try input.string("version"), operation: "$recognize")
        guard let rules = release.catalog.recognition else {
            throw FHIRError(.unprocessableContent, .notSupported, "catalog version \(release.version) publishes no recognition rules; ask a later version", expression: "version")
        }
        guard let entry = release.entry(code), let kind = release.annexKinds[entry.annex] else {
            throw FHIRError(.notFound, .notFound, "Unknown code '\(code)' in the CodeSystem '\(release.codeSystemUrl)' version '\(release.version)'", expression: "code")
        }
        func level(_ name: String) throws -> Int? {
            guard let text = try input.string(name) else { return nil }
            guard let n = Int(text), n >= 0 else { throw FHIRError(.badRequest, .value, "$recognize: '\(name)' must be a level, 0 or more", expression: name) }
            return n
        }
        func scope(_ name: String) throws -> Set<String>? {
            let values = try input.strings(name)
            guard !values.isEmpty else { return nil }
            return Set(values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty })
        }
        let engine = RecognitionEngine(rules: rules)
        let decision: RecognitionDecision
        do {
            let laboratoryGiven = input.has("performingLevel") || input.has("receivingLevel") || input.has("performingScope") || input.has("receivingScope")
            switch kind {
            case .laboratory:
                guard !input.has("fact") else { throw RecognitionEngine.Failure.factsForOtherKind(code: code, kind: .laboratory) }
                decision = try engine.decide(entry: entry, annexKind: .laboratory, laboratory: LaboratoryFacts(
                    performingLevel: try level("performingLevel"), receivingLevel: try level("receivingLevel"),
                    performingScope: try scope("performingScope"), receivingScope: try scope("receivingScope")))
            case .imaging:
                guard !laboratoryGiven else { throw RecognitionEngine.Failure.factsForOtherKind(code: code, kind: .imaging) }
                var facts = StudyFacts()
                for given in try input.strings("fact") {
                    let parts = given.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let fact = StudyFact(rawValue: parts[0]),
                          let value = ["yes": true, "no": false, "true": true, "false": false][parts[1]] else {
                        throw FHIRError(.badRequest, .value, "$recognize: fact '\(given)' is not FACT=yes|no with FACT one of: \(StudyFact.allowedValues.joined(separator: ", "))", expression: "fact")
                    }
                    facts[fact] = value
                    facts.evidence[fact] = Evidence(vi: "nêu trong yêu cầu", en: "given in the request")
                }
                decision = try engine.decide(entry: entry, annexKind: .imaging, study: facts)
            }
        } catch let failure as RecognitionEngine.Failure {
            throw FHIRError(.badRequest, .invalid, "$recognize: \(failure)")
        }
        var p = ParametersBuilder()
        p.code("decision", decision.outcome.rawValue)
        p.code("code", decision.code)
        p.string("version", release.version)
        if entry.status != .active {
            p.string("message", "\(code) is \(entry.status.rawValue)" + (entry.replacedBy.map { ", replaced by \($0)" } ?? ""))
        }
        for reason in decision.reasons { Self.reason("reason", reason, &p) }
        Self.reason("doctorsFinalSay", decision.doctor, &p)
        return p.resource
    }

    private static func reason(_ name: String, _ r: RecognitionReason, _ p: inout ParametersBuilder) {
        p.part(name) { d in
            d.code("rule", r.rule)
            d.code("kind", r.kind.rawValue)
            d.code("status", r.status.rawValue)
            d.code("effect", r.effect.rawValue)
            d.code("clause", r.clause.id)
            d.string("citation", r.clause.citation.isEmpty ? nil : r.clause.citation)
            d.string("textVi", r.textVi)
            d.string("textEn", r.textEn)
            d.string("detailVi", r.detailVi)
            d.string("detailEn", r.detailEn)
        }
    }
}

import Foundation
