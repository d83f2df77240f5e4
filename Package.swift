// swift-tools-version: 6.0
import PackageDescription

// Layers (imports only point down):
//   wardsim (CLI) → Experiments → WardModel → SimKernel
//   Validation (queueing-theory cases) → SimKernel
//   RunStore (SQLite run store) → CSQLite (system libsqlite3), SimKernel
//   Reports (HTML/Markdown/CSV, SVG charts) → SimKernel, Mustache
let package = Package(
    name: "wardsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "wardsim", targets: ["wardsim"]),
        .executable(name: "wardsim-bench", targets: ["wardsim-bench"]),
        .library(name: "SimKernel", targets: ["SimKernel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .target(name: "SimKernel"),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .target(name: "RunStore", dependencies: ["CSQLite", "SimKernel"]),
        .target(name: "Reports", dependencies: ["SimKernel", .product(name: "Mustache", package: "swift-mustache")]),
        .target(name: "Validation", dependencies: ["SimKernel", "Experiments"]),
        .target(name: "Experiments", dependencies: ["SimKernel", "WardModel", "RunStore"]),
        .target(name: "WardModel", dependencies: ["SimKernel", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "wardsim",
            dependencies: [
                "SimKernel", "Validation", "Experiments", "WardModel", "RunStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "wardsim-bench",
            dependencies: [
                "SimKernel", "Validation", "WardModel", "RunStore", "Experiments",
                .product(name: "HeapModule", package: "swift-collections"),
            ]),
        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "SimKernel", "Experiments"]),
        .testTarget(name: "WardModelTests", dependencies: ["WardModel", "SimKernel"]),
        .testTarget(name: "RunStoreTests", dependencies: ["RunStore", "SimKernel"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "SimKernel", "WardModel", "RunStore"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "SimKernel"]),
    ],
    swiftLanguageModes: [.v6]
)
