import Foundation
import MusterAlerts
import MusterCore

/// One way of detecting spikes to measure: settings and the model counts are read with, under a name for tables.
public struct AlertCandidate: Sendable, Hashable {
    /// How it reads in a table ("normal").
    public var name: String
    /// What counts as a spike.
    public var settings: SpikeSettings
    /// How a count is read against its baseline.
    public var model: SpikeDetector.Model

    /// Creates a candidate.
    ///
    /// - Parameters:
    ///   - name: its name in tables.
    ///   - settings: what counts as a spike.
    ///   - model: how counts are read.
    public init(name: String, settings: SpikeSettings, model: SpikeDetector.Model = .negativeBinomial) {
        self.name = name
        self.settings = settings
        self.model = model
    }

    /// A sensitivity's defaults, as watches get them.
    ///
    /// - Parameters:
    ///   - sensitivity: the sensitivity.
    ///   - model: how counts are read (the detector's default unless comparing).
    public static func sensitivity(_ sensitivity: Watch.Sensitivity, model: SpikeDetector.Model = .negativeBinomial) -> AlertCandidate {
        AlertCandidate(
            name: sensitivity.rawValue + (model == .negativeBinomial ? "" : " (\(model.rawValue))"), settings: .for(sensitivity), model: model
        )
    }

    var detector: SpikeDetector { SpikeDetector(settings: settings, model: model) }
}
