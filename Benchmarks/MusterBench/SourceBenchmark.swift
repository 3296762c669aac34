import Foundation
import FoundationXML
import MusterApp
import MusterConfig
import MusterCore
import MusterNet
import MusterSources
import MusterTesting

#if canImport(Glibc)
import Glibc
#endif

/// Live sources: posts per second through the feed path (an RSS document read, mapped, enriched and stored), and the
/// CPU that 100 feeds polled every minute cost `muster serve`, each beside its floor.
struct SourceBenchmark {
    let folder: URL
    let rounds: Int

    func run() throws -> [BenchmarkResult] {
        try [feedPath(), hundredFeeds()]
    }

    /// An RSS 2.0 document of `items` news items, each unique to `round`.
    static func feed(items: Int, round: Int, title: String = "Northbridge Gazette") -> Data {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>\(title)</title>
            <link>https://northbridge-gazette.example/</link><description>News</description>
            """
        let topics = ["Bins missed again in Riverside", "Flood warning for the River Nor in Quayside", "Road closed on Mill Lane",
                      "Council tax rise agreed", "New school places in Ward 7", "Bus route 12 changes from Monday"]
        for item in 0..<items {
            let when = Date(timeIntervalSinceNow: -Double(item * 60)).formatted(.iso8601)
            xml += """
                <item><title>\(topics[item % topics.count]), story \(round)-\(item)</title>
                <link>https://northbridge-gazette.example/news/\(round)-\(item)</link><guid isPermaLink="false">\(round)-\(item)</guid>
                <dc:creator>Sam O&#8217;Neill</dc:creator><dc:date>\(when)</dc:date>
                <description><![CDATA[<p>Residents in <b>Ward 4</b> &amp; beyond say the council must act &#8211; story \(item).</p>]]></description></item>
                """
        }
        return Data((xml + "</channel></rss>\n").utf8)
    }

    /// Feed path: documents of 500 items read and stored into a store in use; the floor is libxml2 (FoundationXML)
    /// parsing the same bytes with a delegate that does nothing.
    private func feedPath() throws -> BenchmarkResult {
        let muster = try Muster(configPath: Fixture.demoConfigPath, storePath: folder.appendingPathComponent("feeds.sqlite").path)
        let source = Source(name: "gazette", kind: .rss, url: "http://127.0.0.1/feed", outlet: "Northbridge Gazette")
        let items = 500
        // One document first, so every timed one goes into a store in use, in short transactions, as polls do.
        _ = try muster.ingester.store(SourceReader.page(of: source, body: Self.feed(items: items, round: -1), link: nil, url: source.url), from: source)
        var rates: [Double] = []
        var floors: [Double] = []
        for round in 0..<max(rounds / 5, 5) {
            let body = Self.feed(items: items, round: round)
            var start = DispatchTime.now().uptimeNanoseconds
            let page = try SourceReader.page(of: source, body: body, link: nil, url: source.url)
            let stored = try muster.ingester.store(page, from: source).inserted
            guard stored == items else { throw MusterError("the feed benchmark stored \(stored) of \(items) items") }
            rates.append(Double(items) / seconds(since: start))
            start = DispatchTime.now().uptimeNanoseconds
            let parser = XMLParser(data: body)
            let delegate = NothingDelegate()
            parser.delegate = delegate
            _ = parser.parse()
            floors.append(Double(items) / seconds(since: start))
        }
        return BenchmarkResult(
            name: "feed path: RSS 2.0 read, mapped, enriched and stored (\(items)-item documents)", unit: "posts/s",
            figure: Summary(rates: rates), floor: Summary(rates: floors), floorDescription: "FoundationXML parsing the same bytes, no-op delegate",
            target: "–", met: nil, higherIsBetter: true
        )
    }

    private final class NothingDelegate: NSObject, XMLParserDelegate {}

    /// 100 feeds of 20 items on a local web server (Python's, which answers If-Modified-Since with 304), polled once
    /// to take them in, then in rounds a minute's polling would make, with a tenth of the feeds changed each round.
    /// The figure is the CPU Muster spends per round; the floor is the same 100 conditional GETs through libcurl alone.
    private func hundredFeeds() throws -> BenchmarkResult {
        let site = folder.appendingPathComponent("feeds")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        let count = 100
        for feed in 0..<count {
            try Self.feed(items: 20, round: feed * 1_000, title: "Feed \(feed)").write(to: site.appendingPathComponent("\(feed).xml"))
        }
        let server = try LocalWebServer(serving: site)
        defer { server.stop() }
        let muster = try Muster(configPath: Fixture.demoConfigPath, storePath: folder.appendingPathComponent("hundred.sqlite").path)
        let poller = muster.sourcePoller(environment: [:])
        let sources = (0..<count).map { Source(name: "feed-\($0)", kind: .rss, url: "\(server.base)/\($0).xml", interval: 60) }
        for source in sources { _ = poller.poll(source) }

        let http = HTTPClient(maximumBodySize: SourcePoller.maximumBody)
        var figures: [Double] = []
        var floors: [Double] = []
        for round in 1...max(rounds / 10, 5) {
            // Python compares If-Modified-Since to the file's time in whole seconds.
            Thread.sleep(forTimeInterval: 1.1)
            for feed in stride(from: round % 10, to: count, by: 10) {
                try Self.feed(items: 20, round: feed * 1_000 + round, title: "Feed \(feed)").write(to: site.appendingPathComponent("\(feed).xml"))
            }
            var cpu = Self.cpuSeconds()
            var changed = 0
            for source in sources where poller.poll(source).added > 0 { changed += 1 }
            figures.append((Self.cpuSeconds() - cpu) * 1_000)
            guard changed == count / 10 else { throw MusterError("the 100-feed benchmark saw \(changed) changed feeds, not \(count / 10)") }
            let validators = try sources.map { try muster.sourceLedger.status(of: $0.name)?.lastModified ?? "" }
            cpu = Self.cpuSeconds()
            for (source, lastModified) in zip(sources, validators) {
                _ = try http.get(source.url, headers: ["If-Modified-Since": lastModified])
            }
            floors.append((Self.cpuSeconds() - cpu) * 1_000)
        }
        let share = Summary(figures).median / 60_000 * 100
        return BenchmarkResult(
            name: "100 feeds polled every minute, a tenth changed: CPU per round (\(String(format: "%.2f", share))% of one core)", unit: "ms",
            figure: Summary(figures), floor: Summary(floors), floorDescription: "the same 100 conditional GETs through libcurl",
            target: "–", met: nil
        )
    }

    /// User and system CPU time of this process so far.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// `python3 -m http.server` on a free loopback port, for the feeds.
struct LocalWebServer {
    let process: Process
    let base: String

    init(serving folder: URL) throws {
        let port = Int.random(in: 20_000...40_000)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", folder.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        base = "http://127.0.0.1:\(port)"
        let http = HTTPClient(timeout: 1)
        for _ in 0..<100 where (try? http.get(base + "/0.xml"))?.status != 200 { Thread.sleep(forTimeInterval: 0.1) }
    }

    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
