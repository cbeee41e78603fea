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
    static func returnFreedMemory() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD in <malloc.h>
        guard let symbol = dlsym(nil, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(trimThreshold, 128 * 1024)
        #endif
    }
}
