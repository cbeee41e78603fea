import Foundation
import ObjectStore
import TestSupport
import Testing

/// Credentials are found the way the AWS tools find them, and their errors never show a secret.
@Suite("upload: AWS credentials from the environment, profiles and web identity")
struct CredentialChainTests {
    @Test func environmentComesFirst() async throws {
        let chain = CredentialChain(
            environment: [
                "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "tok",
            ],
            home: "/nonexistent",
            region: "us-east-1"
        )
        let credentials = try await chain.resolve()
        #expect(credentials.accessKeyID == "AKIDENV")
        #expect(credentials.sessionToken == "tok")
        #expect(credentials.source == "environment")
    }

    @Test func aKeyWithoutItsSecretIsNamed() async throws {
        let chain = CredentialChain(
            environment: ["AWS_ACCESS_KEY_ID": "AKIDENV"],
            home: "/nonexistent",
            region: "us-east-1"
        )
        await #expect(
            throws: S3Error.credentialsUnreadable(
                source: "the environment",
                reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
            )
        ) {
            _ = try await chain.resolve()
        }
    }

    @Test func profilesFromCredentialsAndConfigFiles() async throws {
        let folder = TestFolder()
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent(".aws"),
            withIntermediateDirectories: true
        )
        _ = try folder.write(
            ".aws/credentials",
            "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n\n"
                + "[audit]\naws_access_key_id=AKIDAUDIT\naws_secret_access_key=audit-secret\naws_session_token = t1\n"
        )
        _ = try folder.write(".aws/config", "[profile audit]\nregion = eu-west-1\n")
        let byDefault = try await CredentialChain(environment: [:], home: folder.url.path, region: "us-east-1")
            .resolve()
        #expect(byDefault.accessKeyID == "AKIDDEFAULT")
        let audit = try await CredentialChain(
            environment: ["AWS_PROFILE": "audit"],
            home: folder.url.path,
            region: "us-east-1"
        )
        .resolve()
        #expect(audit.accessKeyID == "AKIDAUDIT")
        #expect(audit.sessionToken == "t1")
        #expect(audit.source == "profile audit")
    }

    @Test func aBrokenProfileFileNamesTheLineNotTheContent() async throws {
        let folder = TestFolder()
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent(".aws"),
            withIntermediateDirectories: true
        )
        _ = try folder.write(".aws/credentials", "[default\naws_secret_access_key = leaked-secret-value\n")
        do {
            _ = try await CredentialChain(environment: [:], home: folder.url.path, region: "us-east-1").resolve()
            Issue.record("a broken file must fail")
        } catch {
            #expect("\(error)".contains("line 1"))
            #expect(!"\(error)".contains("leaked-secret-value"))
        }
    }

    @Test func nothingFoundListsWhatWasTried() async throws {
        await #expect(throws: S3Error.self) {
            _ = try await CredentialChain(environment: [:], home: "/nonexistent", region: "us-east-1").resolve()
        }
    }

    @Test func webIdentityTradesTheTokenAtSTS() async throws {
        let sts = STSStub()
        try await sts.start()
        let folder = TestFolder()
        let tokenFile = try folder.write("token", "eyJhbGciOiJSUzI1NiJ9.projected-sa-token\n")
        let credentials = try await CredentialChain(
            environment: [
                "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/auditpack", "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
                "AWS_ENDPOINT_URL_STS": sts.endpoint,
            ],
            home: "/nonexistent",
            region: "us-east-1"
        ).resolve()
        await sts.stop()
        #expect(credentials.accessKeyID == "ASIASTSTEST")
        #expect(credentials.secretAccessKey == "sts-secret")
        #expect(credentials.sessionToken == "sts-session-token")
        #expect(credentials.expiration != nil)
        let form = try #require(sts.received.first)
        #expect(form.contains("Action=AssumeRoleWithWebIdentity"))
        #expect(form.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fauditpack"))
        #expect(form.contains("WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.projected-sa-token"))
    }

    @Test func aRefusedWebIdentityNamesTheRole() async throws {
        let sts = STSStub()
        try await sts.start(status: .forbidden)
        let folder = TestFolder()
        let tokenFile = try folder.write("token", "secret-token-value")
        do {
            _ = try await CredentialChain(
                environment: [
                    "AWS_ROLE_ARN": "arn:aws:iam::1:role/x", "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
                    "AWS_ENDPOINT_URL_STS": sts.endpoint,
                ],
                home: "/nonexistent",
                region: "us-east-1"
            ).resolve()
            Issue.record("a refused role must fail")
        } catch {
            #expect("\(error)".contains("arn:aws:iam::1:role/x"))
            #expect("\(error)".contains("AccessDenied"))
            #expect(!"\(error)".contains("secret-token-value"))
        }
        await sts.stop()
    }
}
