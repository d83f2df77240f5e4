@testable import Reports

/// Small charts of every kind, with names that stress escaping and layout.
enum Fixtures {
    static let hostile = "<script>alert(1)</script>"

    static func lineChart(names: [String] = ["Baseline", "No-writing counter"], band: Bool = true) -> LineChart {
        let series = names.enumerated().map { (i, name) in
            LineChart.Series(name: name, points: (4...10).map { c in
                let y = 5 + 100 / Double(c - 2 + i)
                return band ? .init(x: Double(c), y: y, low: y * 0.9, high: y * 1.1) : .init(x: Double(c), y: y)
            })
        }
        return LineChart(title: "Mean wait by counters", xAxisTitle: "Counters", yAxisTitle: "Mean wait (min)",
                         series: series, bandLabel: band ? "Shaded: 95 % CI" : nil)
    }

    static func timeSeries(names: [String] = ["Baseline"]) -> LineChart {
        LineChart.timeOfDay(
            title: "Queue length", xAxisTitle: "Time of day", yAxisTitle: "Queue (people)",
            series: names.map { name in
                .init(name: name, points: stride(from: 8.5, through: 17.25, by: 0.25).map { .init(x: $0, y: 10 + 5 * ($0 - 8.5)) })
            },
            referenceLines: [ReferenceLine(value: 40, label: "Seats (40)")])
    }

    static func cdf(names: [String] = ["Baseline", "Reservations"]) -> StepCDFChart {
        StepCDFChart(title: "Waiting-time distribution", xAxisTitle: "Waiting time (min)", yAxisTitle: "Share (%)",
                     series: names.enumerated().map { (i, name) in
                         .init(name: name, samples: (0..<500).map { Double(($0 * 37 + i * 11) % 90) })
                     },
                     targets: [.init(value: 15, label: "15 min"), .init(value: 30, label: "30 min")])
    }

    static func bars(categories: [String] = ["Walk-in", "Booked", "Online"], names: [String] = ["Baseline", "Reservations"]) -> BarChart {
        BarChart(title: "Visits by channel", yAxisTitle: "Visits per day", categories: categories,
                 series: names.enumerated().map { (i, name) in
                     let values = categories.indices.map { Double(100 * ($0 + 1) + 10 * i) }
                     return .init(name: name, values: values, low: values.map { $0 - 8 }, high: values.map { $0 + 8 })
                 },
                 whiskerLabel: "Whiskers: 95 % CI")
    }

    static func heatMap(rows: [String] = ["市民課", "保険年金課", "こども福祉課"], hours: [Int] = Array(8...16)) -> HeatMap {
        HeatMap(title: "Staff utilisation", rows: rows, columns: hours.map { NumberFormat.clock(hours: Double($0)) },
                values: rows.indices.map { r in hours.indices.map { c in (r + c) % 7 == 0 ? nil : Double((r * 13 + c * 7) % 100) / 100 } },
                legendTitle: "Utilisation (%)", columnAxisTitle: "Hour starting", missingLabel: "closed")
    }

    static var allCharts: [any Chart] { [lineChart(), timeSeries(), cdf(), bars(), heatMap()] }
}
