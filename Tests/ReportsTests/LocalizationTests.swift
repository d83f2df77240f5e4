import Testing
@testable import Reports

@Suite("Localization")
struct LocalizationTests {
    /// `{name}` placeholders of a template, as a set.
    static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    @Test("every key has a non-empty text in both languages, with the same placeholders")
    func completeCatalogue() {
        for key in MessageKey.allCases {
            let en = Localization.english[key], ja = Localization.japanese[key]
            #expect(en?.isEmpty == false, "no English text for \(key)")
            #expect(ja?.isEmpty == false, "no Japanese text for \(key)")
            if let en, let ja {
                #expect(Self.placeholders(en) == Self.placeholders(ja), "placeholders differ for \(key): \(en) / \(ja)")
            }
        }
        #expect(Localization.english.count == MessageKey.allCases.count)
        #expect(Localization.japanese.count == MessageKey.allCases.count)
    }

    @Test("Japanese labels are Japanese: no key left in English by mistake")
    func japaneseIsTranslated() {
        // Keys whose Japanese text may legitimately equal the English one.
        let sameAllowed: Set<MessageKey> = [.unitPercent, .valueWithUnit, .ciLevel, .rangeSeparatorSigned, .labelled, .axisWithUnit]
        for key in MessageKey.allCases where !sameAllowed.contains(key) {
            #expect(Localization.english[key] != Localization.japanese[key], "\(key) is the same in both languages")
        }
    }

    @Test("verdict phrases read as specified")
    func verdicts() {
        let fall = Estimate(mean: -12.3, low: -14.5, high: -10.1)
        #expect(Localization(.en).verdict(.meanWait, difference: fall, unit: .unitMinutes, decimals: 1, isDuration: true)
                == "mean wait falls by 12.3 min (95 % CI 10.1–14.5)")
        #expect(Localization(.ja).verdict(.meanWait, difference: fall, unit: .unitMinutes, decimals: 1, isDuration: true)
                == "平均待ち時間は 12.3 分短縮（95%信頼区間 10.1〜14.5）")
        let rise = Estimate(mean: 2.25, low: 0.5, high: 4.0)
        #expect(Localization(.en).verdict(.meanWait, difference: rise, unit: .unitMinutes, decimals: 1, isDuration: true)
                == "mean wait rises by 2.3 min (95 % CI 0.5–4.0)")
        #expect(Localization(.ja).verdict(.abandonment, difference: rise, unit: .unitPoints, decimals: 1)
                == "未処理で帰った人の割合は 2.3 ポイント増加（95%信頼区間 0.5〜4.0）")
        let none = Estimate(mean: -0.4, low: -1.2, high: 0.8)
        #expect(Localization(.en).verdict(.meanWait, difference: none, unit: .unitMinutes, decimals: 1)
                == "no detectable difference in mean wait (95 % CI \u{2212}1.2 to 0.8)")
        #expect(Localization(.ja).verdict(.meanWait, difference: none, unit: .unitMinutes, decimals: 1)
                == "平均待ち時間に有意な差なし（95%信頼区間 \u{2212}1.2〜0.8）")
        #expect(Localization(.en)[.noDetectableDifference] == "no detectable difference")
        #expect(Localization(.ja)[.noDetectableDifference] == "有意な差なし")
    }

    @Test("directions: an interval touching zero is not a detectable difference")
    func directions() {
        #expect(Estimate(mean: -1, low: -2, high: -0.001).direction == .lower)
        #expect(Estimate(mean: -1, low: -2, high: 0).direction == .undetermined)
        #expect(Estimate(mean: 1, low: 0.001, high: 2).direction == .higher)
        #expect(Estimate(mean: .nan, low: .nan, high: .nan).direction == .undetermined)
    }

    @Test("axis titles carry units")
    func axisTitles() {
        #expect(Localization(.en).axisTitle(.waitingTime, unit: .unitMinutes) == "Waiting time (min)")
        #expect(Localization(.ja).axisTitle(.waitingTime, unit: .unitMinutes) == "待ち時間（分）")
        #expect(Localization(.en).value(15, decimals: 0, unit: .unitMinutes) == "15 min")
        #expect(Localization(.ja).value(15, decimals: 0, unit: .unitMinutes) == "15分")
        #expect(Localization(.en).intervalHeader() == "95 % CI")
        #expect(Localization(.ja).intervalHeader(level: 0.9) == "90%信頼区間")
    }

    @Test("both demo pages render with their own language's labels")
    func bothLanguagesRender() {
        let en = Reports.demoReport(language: .en), ja = Reports.demoReport(language: .ja)
        #expect(en.contains("lang=\"en\""))
        #expect(ja.contains("lang=\"ja\""))
        #expect(en.contains("Waiting time (min)") && !en.contains("待ち時間"))
        #expect(ja.contains("待ち時間（分）") && ja.contains("課別・時間帯別の職員稼働率"))
        #expect(ja.contains("有意な差なし") || ja.contains("短縮"))
        #expect(!en.contains("⟦") && !ja.contains("⟦"))
    }

    @Test("missing keys are visible, placeholders are filled once")
    func fill() {
        #expect(Localization.fill("{a} and {b}", ["a": "{b}", "b": "x"]) == "{b} and x")
        #expect(Localization.fill("{unknown}", [:]) == "{unknown}")
        #expect(Localization.fill("no braces", ["a": "1"]) == "no braces")
        #expect(Localization.fill("open { only", [:]) == "open { only")
    }
}
