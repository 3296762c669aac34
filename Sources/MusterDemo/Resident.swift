/// A member of the demo public: a handle, a first name to be addressed by, a home ward and a following.
struct Resident {
    var handle: String
    var firstName: String
    var ward: String
    var followers: Int

    /// A town's worth of residents, each with a distinct handle.
    static func population(_ count: Int, phrasebook: Phrasebook, wards: [String], random: inout SeededRandom) -> [Resident] {
        var taken: Set<String> = []
        return (0..<count).map { _ in
            let first = random.pick(phrasebook.firstNames)
            let last = random.pick(phrasebook.lastNames)
            let ward = random.pick(wards)
            let wardWord = ward.filter(\.isLetter).lowercased()
            var handle = random.pick(phrasebook.handlePatterns)
                .replacingOccurrences(of: "{first}", with: first)
                .replacingOccurrences(of: "{First}", with: first.capitalized)
                .replacingOccurrences(of: "{last}", with: last)
                .replacingOccurrences(of: "{Last}", with: last.capitalized)
                .replacingOccurrences(of: "{ward}", with: wardWord)
            if taken.contains(handle) { handle += String(random.below(90) + 10) }
            while taken.contains(handle) { handle += String(random.below(10)) }
            taken.insert(handle)
            return Resident(handle: handle, firstName: first.capitalized, ward: ward,
                            followers: 20 + random.heavyTail(scale: 150, cap: 40_000))
        }
    }
}
