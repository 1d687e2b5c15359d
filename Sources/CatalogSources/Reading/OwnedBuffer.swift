/// A heap copy of a file's bytes whose address stays fixed for the reader's lifetime, as the
/// C parsers require.
final class OwnedBuffer {
    let pointer: UnsafeMutableBufferPointer<UInt8>

    init(_ bytes: some Collection<UInt8>) {
        pointer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = pointer.initialize(from: bytes)
    }

    /// The stored bytes (without the padding byte of an empty buffer).
    func bytes(count: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: pointer[0..<count])
    }

    deinit { pointer.deallocate() }
}
