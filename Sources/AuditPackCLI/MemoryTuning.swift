#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator setting for runs that stream large documents.
enum MemoryTuning {
    /// glibc raises its trim and mmap thresholds once multi-megabyte blocks (LIST pages) are freed, and then
    /// keeps freed heap memory for reuse instead of returning it: about 40 MiB of peak RSS on a 90k-object
    /// collection. A fixed trim threshold turns that adjustment off (measured with bench/compare's large
    /// cluster: 167 → 130 MiB peak, the same wall time). `mallopt` is looked up at run time: Swift's Glibc
    /// module does not import <malloc.h>. Elsewhere this does nothing.
    ///
    /// glibc also gives each thread that allocates concurrently an arena of its own (up to 8 per core); the ten
    /// evaluators running side by side each fragmented one. Two arenas: 207 → 174 MiB peak at 157k objects, the
    /// same wall time (MALLOC_ARENA_MAX=2 measured against the default, one run each, a test run beside).
    static func returnFreedMemory() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD in <malloc.h>
        let arenaMax: Int32 = -8  // M_ARENA_MAX
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(trimThreshold, 128 * 1024)
        _ = mallopt(arenaMax, 2)
        #endif
    }
}
