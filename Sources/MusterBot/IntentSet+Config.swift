import Foundation
import MusterConfig
import MusterIntents

extension IntentSet {
    /// The organisation's intents, from the folder its config names, finding its names for things and stripping
    /// mentions of the bot by any of its handles.
    ///
    /// - Parameters:
    ///   - config: the organisation's config.
    ///   - vocabulary: its names for things (`Vocabulary(config:)`).
    /// - Throws: `MusterError` naming the file and line of a bad intent.
    public init(config: CouncilConfig, vocabulary: Vocabulary) throws {
        try self.init(directory: config.intentsDirectory, botNames: ["muster"] + config.organisation.handles, vocabulary: vocabulary)
    }
}
