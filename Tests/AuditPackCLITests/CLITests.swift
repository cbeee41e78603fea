import Testing

/// Every suite that runs the built binary, one test at a time: each run is a process with its own
/// emulator load, and the rest of the test suite (with its 1 s timeouts) shares the machine.
@Suite("auditpack binary", .serialized)
enum CLITests {}
