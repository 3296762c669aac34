import Foundation
import MusterConfig
import MusterCore
import MusterTesting
import MusterText
import Testing

@Suite("Enrichment on the demo council")
struct EnrichmentTests {
    let config = try! CouncilConfig.load(from: Fixture.demoConfigPath)

    @Test("the demo council has numbered, named wards with boundaries for each")
    func demoCouncil() {
        #expect(config.wards.count == 16)
        #expect(config.ward(named: "Riverside")?.number == 4)
        #expect(Set(config.boundaries.map(\.ward)) == Set(config.wards.map(\.name)))
    }

    @Test("places in text resolve to wards, longest match first", arguments: [
        ("bins not emptied on Mill Lane again", "Riverside"),
        ("what a mess in ward 4", "Riverside"),
        ("flooding at the Old Boatyard", "Quayside"),
        ("my postcode is NB7 3QT", "Hill Top"),
        ("St Annes square is packed", "St Anne's"),
        ("lovely day in the town centre", "Castlegate"),
    ])
    func gazetteer(text: String, ward: String) {
        #expect(Gazetteer(wards: config.wards).ward(in: Tokenizer.tokens(text)) == ward)
    }

    @Test("text naming no place stays unplaced")
    func unplaced() {
        #expect(Gazetteer(wards: config.wards).ward(in: Tokenizer.tokens("ward 44 is not a ward, nor is Narnia")) == nil)
    }

    @Test("a point inside a hole is outside the ward")
    func polygonWithHole() {
        let square = [(0.0, 0.0), (0, 10), (10, 10), (10, 0), (0, 0)].map { GeoPoint(latitude: $0.0, longitude: $0.1) }
        let hole = [(4.0, 4.0), (4, 6), (6, 6), (6, 4), (4, 4)].map { GeoPoint(latitude: $0.0, longitude: $0.1) }
        let locator = AreaLocator(boundaries: [WardBoundary(ward: "Doughnut", polygons: [Polygon(rings: [square, hole])])])
        #expect(locator.ward(containing: GeoPoint(latitude: 2, longitude: 2)) == "Doughnut")
        #expect(locator.ward(containing: GeoPoint(latitude: 5, longitude: 5)) == nil)
        #expect(locator.ward(containing: GeoPoint(latitude: 11, longitude: 5)) == nil)
    }

    @Test("a ward across the antimeridian holds the points on both sides of it, and not the rest of the world")
    func antimeridian() {
        // Chatham Islands-like: from 170°E to 170°W.
        let ring = [(-44.0, 170.0), (-44, -170), (-42, -170), (-42, 170), (-44, 170)].map { GeoPoint(latitude: $0.0, longitude: $0.1) }
        let locator = AreaLocator(boundaries: [WardBoundary(ward: "Dateline", polygons: [Polygon(rings: [ring])])])
        #expect(locator.ward(containing: GeoPoint(latitude: -43, longitude: 179.5)) == "Dateline")
        #expect(locator.ward(containing: GeoPoint(latitude: -43, longitude: -179.5)) == "Dateline")
        #expect(locator.ward(containing: GeoPoint(latitude: -43, longitude: 0)) == nil)
        #expect(locator.ward(containing: GeoPoint(latitude: -43, longitude: -160)) == nil)
    }

    @Test("a demo ward's own centre point is placed in it")
    func demoPolygons() {
        let locator = AreaLocator(boundaries: config.boundaries)
        for boundary in config.boundaries {
            let ring = boundary.polygons[0].rings[0].dropLast()
            let centre = GeoPoint(latitude: ring.map(\.latitude).reduce(0, +) / Double(ring.count),
                                  longitude: ring.map(\.longitude).reduce(0, +) / Double(ring.count))
            #expect(locator.ward(containing: centre) == boundary.ward)
        }
    }

    @Test("topics are found by their terms, plurals and phrases included")
    func topics() {
        let tagger = TopicTagger(topics: config.topics)
        #expect(tagger.topics(in: Tokenizer.tokens("Wheelie bins not collected, fly-tipping everywhere")) == ["bins"])
        #expect(tagger.topics(in: Tokenizer.tokens("potholes on the way to A&E")) == ["potholes", "a&e"])
        #expect(tagger.topics(in: Tokenizer.tokens("what a lovely sunset")) == [])
    }

    @Test("sentiment reads negation, intensifiers, contrast and emoji")
    func sentiment() {
        let scorer = SentimentScorer(lexicon: config.lexicon)
        #expect(scorer.score("the new timetable is good") > 0.2)
        #expect(scorer.score("the new timetable is not good") < 0)
        #expect(scorer.score("really brilliant") > scorer.score("brilliant"))
        #expect(scorer.score("the staff were lovely but the bins are disgusting") < 0)
        #expect(scorer.score("bins still not collected 😡") < -0.2)
        #expect(scorer.score("Festival was 😍") > 0.2)
        #expect(abs(scorer.score("the bus leaves at nine")) < 0.2)
    }

    @Test("tokens keep hashtag words, mentions and emoji apart")
    func tokens() {
        #expect(Tokenizer.tokens("#FixNorthbridgeRoads @NorthbridgeCC don't 😡!!") == ["fixnorthbridgeroads", "@northbridgecc", "don't", "😡"])
        // ASCII is read as bytes and the rest as characters: words that mix them, curly apostrophes, skin-toned emoji.
        #expect(Tokenizer.tokens("Café’s CLOSED—again 👍🏽 #ŵyn") == ["café's", "closed", "again", "👍🏽", "ŵyn"])
    }

    @Test("what a post is, read from who speaks and what it says", arguments: [
        ("unknown", "RT @NorthbridgeFire: No one has been injured in the Hill Street fire", ["official", "figure"], "NorthbridgeFire"),
        ("resident1", "RT @NBGazette: Firefighters tackle large fire at Hill Street warehouse", ["report"], "resident1"),
        ("resident1", "Firefighters tackle large fire at warehouse http://t.co/abc123", ["report"], "resident1"),
        ("resident1", "reports that 3 people are dead in the Hill Street fire, can anyone confirm", ["claim", "question", "figure"], "resident1"),
        ("resident1", "How it looked like inside the #Clutha pub after the crash", [], "resident1"),
        ("resident1", "Please give blood if you can, donors needed at the centre", ["appeal"], "resident1"),
        ("resident1", "Thoughts are with everyone affected. Heroes, the crews tonight #PrayForGlasgow", ["sympathy"], "resident1"),
        ("resident1", "Water in our house and we're stuck upstairs, please help", ["distress"], "resident1"),
        ("resident1", "What a shambles, a disgrace how this has been handled", ["anger"], "resident1"),
        ("NorthbridgeCC", "Is it true the school is shut? We can confirm it is open as normal.", ["official"], "NorthbridgeCC"),
    ])
    func kinds(handle: String, text: String, kinds: [String], author: String) {
        let post = Enricher(config: config).enrich(Post(source: "x", externalID: "1", author: Author(handle: handle), text: text, createdAt: Fixture.now))
        #expect(post.kinds.names == kinds, "\(text)")
        #expect(post.author.handle == author)
    }

    @Test("casualty figures in words and digits, and none where a number counts something else", arguments: [
        ("3 people are dead in the fire", 3, nil),
        ("at least six dead in Glasgow helicopter crash", 6, nil),
        ("Eight killed as helicopter hits pub, say police", 8, nil),
        ("No one has been injured. Crews remain on scene", 0, 0),
        ("death toll rises to 9", 9, nil),
        ("32 people taken to hospital, 14 seriously injured", nil, 14),
        ("4 fire engines at the scene for 2 hours", nil, nil),
    ])
    func casualties(text: String, dead: Int?, injured: Int?) {
        let figures = CasualtyFigures.figures(in: Tokenizer.tokens(text))
        #expect(figures.dead == dead, "\(text)")
        #expect(figures.injured == injured, "\(text)")
    }

    @Test("a reply's stance: denials deny, asking for a source queries, passing a claim on supports", arguments: [
        ("@NorthbridgeCC That's not true, the photo is fake", Stance.deny),
        ("@NorthbridgeCC this is a hoax", .deny),
        ("@NorthbridgeCC Nope. Not true at all.", .deny),
        ("@NorthbridgeCC source?", .query),
        ("@NorthbridgeCC is this confirmed? where did you hear that?", .query),
        ("RT @NorthbridgeNews: Police confirm two people have died in the Hill Street fire", .support),
        ("@NorthbridgeCC thoughts with everyone affected", .comment),
    ])
    func stance(text: String, expected: Stance) {
        #expect(StanceClassifier(lexicon: config.lexicon).stance(of: text) == expected)
    }

    @Test("a reply's stance reads the same with its thread's context, and as a comment with no model")
    func stanceContext() {
        let classifier = StanceClassifier(lexicon: config.lexicon)
        let source = "Police confirm two people have died in the Hill Street fire"
        #expect(classifier.stance(of: "RT @NorthbridgeNews: " + source, source: source, answersSource: true) == .support)
        #expect(classifier.stance(of: "@NorthbridgeNews source?", source: source, answersSource: true) == .query)
        var bare = config.lexicon
        bare.stanceWeights = [:]
        #expect(StanceClassifier(lexicon: bare).stance(of: "@NorthbridgeCC this is a hoax") == .comment)
    }

    @Test("the enricher places, tags, scores and classifies a post")
    func enrich() {
        let enricher = Enricher(config: config)
        let fire = enricher.enrich(Post(source: "x", externalID: "1", author: Author(handle: "NorthbridgeFire"),
                                        text: "Apparently there was a gas explosion on Hill Street?", createdAt: Fixture.now))
        #expect(fire.area == "Hill Top")
        #expect(fire.topics == ["fire"])
        // A partner's post is an official line, never a claim or a question from the public.
        #expect(fire.kinds == .official)
        #expect(fire.author.kind == .partner)
        let located = enricher.enrich(Post(source: "x", externalID: "2", author: Author(handle: "someone"),
                                           text: "bins!", createdAt: Fixture.now, geo: GeoPoint(latitude: 54.566, longitude: -1.56)))
        #expect(located.area != nil)
        #expect(located.area == AreaLocator(boundaries: config.boundaries).ward(containing: located.geo!))
    }
}
