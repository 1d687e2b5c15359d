import Foundation

/// Measures the stages of one command (`--timings`): each lap is the wall-clock time since the
/// previous one. Prints nothing unless enabled.
final class StageTimer {
    private let enabled: Bool
    private var last = DispatchTime.now()
    private var laps: [(String, Double)] = []

    init(enabled: Bool) { self.enabled = enabled }

    /// Ends the stage called `name`.
    func lap(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        laps.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }

    /// Prints the stages, one line each, and their total.
    func report() {
        guard enabled, !laps.isEmpty else { return }
        var text = ""
        for (name, seconds) in laps { text += "timing: \(name): \(String(format: "%.3f", seconds)) s\n" }
        text += "timing: total: \(String(format: "%.3f", laps.reduce(0) { $0 + $1.1 })) s\n"
        Console.error(text)
    }
}
