import Foundation
import MusterConfig
import MusterCore
import MusterTesting
import MusterText
import Testing

@Suite("Language: English, Welsh or other")
struct LanguageTests {
    let config = try! CouncilConfig.load(from: Fixture.demoConfigPath)

    @Test("posts are told apart by their everyday words", arguments: [
        ("Mae'r biniau heb eu casglu eto ar ein stryd ni", "cy"),
        ("Diolch yn fawr i'r cyngor", "cy"),
        ("bins still not collected on our street", "en"),
        ("#GilmoreGirlsTop4 Lorelai, Rory, Lane, Sookie", "en"),
        ("Die Straße ist wegen Hochwasser gesperrt, bitte nicht fahren", "other"),
        ("Пожар на улице", "other"),
    ])
    func detect(text: String, language: String) {
        #expect(LanguageDetector(lexicon: config.lexicon).language(of: Tokenizer.tokens(text)) == language)
    }

    @Test("a Welsh post is kept and marked Welsh, and not scored with the English lexicon")
    func welshIsNotMisScored() {
        let enricher = Enricher(config: config)
        // "Ofnadwy" is "awful", but the lexicon is English: a Welsh post stays neutral rather than be guessed at.
        let welsh = enricher.enrich(Post(source: "x", externalID: "1", author: Author(handle: "someone"),
                                         text: "Ofnadwy, mae'r sbwriel ym mhobman ar ôl y penwythnos", createdAt: Fixture.now))
        #expect(welsh.language == "cy")
        #expect(welsh.sentiment == 0)
        let english = enricher.enrich(Post(source: "x", externalID: "2", author: Author(handle: "someone"),
                                           text: "Awful, rubbish everywhere after the weekend", createdAt: Fixture.now))
        #expect(english.language == "en")
        #expect(english.sentiment < 0)
    }

    @Test("a language the source gives is kept")
    func sourceLanguageWins() {
        let post = Enricher(config: config).enrich(Post(source: "x", externalID: "3", author: Author(handle: "someone"),
                                                        text: "bins", language: "cy", createdAt: Fixture.now))
        #expect(post.language == "cy")
    }
}
