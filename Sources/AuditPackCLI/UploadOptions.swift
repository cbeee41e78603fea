import ArgumentParser
import Foundation
import ObjectStore
import Workflows

/// Where and how packages are uploaded: shared by `upload` and `collect --upload`.
struct UploadOptions: ParsableArguments {
    @Option(help: "S3-compatible endpoint URL (default: AWS's regional endpoint).")
    var endpoint: String?

    @Option(help: "Bucket region (default: $AWS_REGION, $AWS_DEFAULT_REGION, or us-east-1).")
    var region: String?

    @Flag(help: "Address the bucket in the path (endpoint/BUCKET/KEY), as most S3-compatible servers need.")
    var pathStyle = false

    @Option(help: "Object Lock mode: compliance (nobody can delete before the date) or governance.")
    var lockMode: String?

    @Option(help: "Retain (lock) for this many days from now (1–36500).")
    var retainDays: Int?

    @Option(help: "Retain (lock) until this date (YYYY-MM-DD or ISO 8601 time, in the future).")
    var retainUntil: String?

    func validate() throws {
        if let lockMode, ObjectLock.Mode(rawValue: lockMode.uppercased()) == nil {
            throw ValidationError("--lock-mode \(lockMode) is neither compliance nor governance.")
        }
        if retainDays != nil && retainUntil != nil {
            throw ValidationError("Use either --retain-days or --retain-until, not both.")
        }
        if let retainDays, !(1...36_500).contains(retainDays) {
            throw ValidationError("--retain-days \(retainDays) is outside 1–36500.")
        }
        if lockMode != nil && retainDays == nil && retainUntil == nil {
            throw ValidationError("--lock-mode needs --retain-days N or --retain-until DATE.")
        }
        if lockMode == nil && (retainDays != nil || retainUntil != nil) {
            throw ValidationError("--retain-days/--retain-until need --lock-mode compliance or governance.")
        }
        if let retainUntil {
            guard let date = Self.parseDate(retainUntil) else {
                throw ValidationError("--retain-until \(retainUntil) is not a date such as 2027-12-31.")
            }
            guard date > Date() else { throw ValidationError("--retain-until \(retainUntil) is in the past.") }
        }
        if let endpoint { _ = try S3Endpoint(endpoint: endpoint, region: region ?? "us-east-1", pathStyle: pathStyle) }
    }

    func request(destination: String) -> UploadWorkflow.Request {
        var request = UploadWorkflow.Request(destination: destination)
        request.endpoint = endpoint
        request.region = region
        request.pathStyle = pathStyle
        if let mode = lockMode.flatMap({ ObjectLock.Mode(rawValue: $0.uppercased()) }) {
            let until =
                retainUntil.flatMap(Self.parseDate) ?? Date().addingTimeInterval(Double(retainDays ?? 1) * 86_400)
            request.lock = ObjectLock(mode: mode, retainUntil: until)
        }
        return request
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        if text.count == 10, let day = formatter.date(from: text) { return day }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
