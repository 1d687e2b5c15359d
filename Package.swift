// swift-tools-version:6.0
import PackageDescription

/// lienthong: the compiler and publisher of Vietnam's national catalog of shareable
/// paraclinical results. One core library per pipeline stage and a thin CLI on top.
let package = Package(
    name: "lienthong",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lienthong", targets: ["lienthong"]),
        .library(name: "CatalogCore", targets: ["CatalogCore"]),
        .library(name: "CatalogRelease", targets: ["CatalogRelease"]),
        .library(name: "CatalogServer", targets: ["CatalogServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CLibArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(name: "CLinuxFileSystem"),
        // DCMTK (Debian libdcmtk-dev, C++) behind a C interface, for the DICOM study check.
        .target(name: "CDicomShim", linkerSettings: [.linkedLibrary("dcmdata"), .linkedLibrary("oflog"), .linkedLibrary("ofstd")]),
        .target(name: "CatalogDICOM", dependencies: ["CatalogCore", "CDicomShim"]),
        .target(name: "CatalogCore"),
        .target(name: "CatalogSources", dependencies: ["CatalogCore", "CYAML", "CLibXML2"]),
        .target(name: "CatalogEmitters", dependencies: ["CatalogCore", "CXLSXWriter"]),
        .target(
            name: "CatalogRelease",
            dependencies: [
                "CatalogCore", "CatalogSources", "CatalogEmitters", "CLibArchive", "CLinuxFileSystem",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "CatalogServer",
            dependencies: [
                "CatalogCore", "CatalogRelease",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "CatalogDiff", dependencies: ["CatalogCore", "CatalogSources", "CatalogEmitters", "CatalogRelease"]),
        // The named pipeline every command runs: compile → snapshot → gate → emit → publish.
        .target(
            name: "CatalogPipeline",
            dependencies: ["CatalogCore", "CatalogSources", "CatalogEmitters", "CatalogRelease", "CatalogDiff", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "CatalogSpreadsheets",
            dependencies: [
                "CatalogCore", "CatalogSources", "CatalogEmitters", "CLibXML2",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(name: "CatalogSuggest", dependencies: ["CatalogCore", "CatalogEmitters"]),
        .executableTarget(
            name: "lienthong",
            dependencies: [
                "CatalogCore", "CatalogSources", "CatalogEmitters", "CatalogRelease", "CatalogSpreadsheets", "CatalogDiff", "CatalogDICOM", "CatalogPipeline",
                "CatalogSuggest", "CatalogServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "lienthong-bench",
            dependencies: ["CatalogCore", "CYAML", "CLibXML2"]
        ),
        .testTarget(
            name: "CatalogCoreTests",
            dependencies: ["CatalogCore", "CatalogSources"]
        ),
        .testTarget(
            name: "CatalogSourcesTests",
            dependencies: ["CatalogCore", "CatalogSources"]
        ),
        .testTarget(
            name: "CatalogEmittersTests",
            dependencies: ["CatalogCore", "CatalogSources", "CatalogEmitters", "CatalogRelease", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "CatalogReleaseTests",
            dependencies: ["CatalogCore", "CatalogSources", "CatalogEmitters", "CatalogRelease"]
        ),
        .testTarget(
            name: "CatalogDiffTests",
            dependencies: ["CatalogCore", "CatalogSources", "CatalogEmitters", "CatalogRelease", "CatalogDiff", "TestSupport"]
        ),
        .testTarget(
            name: "CatalogSpreadsheetsTests",
            dependencies: ["CatalogCore", "CatalogSources", "CatalogEmitters", "CatalogSpreadsheets", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "CatalogServerTests",
            dependencies: [
                "CatalogCore", "CatalogRelease", "CatalogServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "CatalogPipelineTests",
            dependencies: ["CatalogCore", "CatalogSources", "CatalogRelease", "CatalogDiff", "CatalogPipeline"]
        ),
        .testTarget(
            name: "CatalogSuggestTests",
            dependencies: ["CatalogCore", "CatalogSources", "CatalogSuggest"]
        ),
        .testTarget(
            name: "LienthongCLITests",
            dependencies: ["CatalogCore", "CatalogRelease", "lienthong", "TestSupport"]
        ),
        // What the test targets share: the CLI runner, the sqlite3 shell.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
    ],
    swiftLanguageModes: [.v6]
)
