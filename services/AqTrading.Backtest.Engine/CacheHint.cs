using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace AqTrading.Backtest.Engine;

/// <summary>
/// Asks the processor to bring an object into its caches ahead of use (x86 <c>prefetcht0</c>; nothing elsewhere).
/// The simulation steps through every symbol's bars in time order: hundreds of interleaved streams through memory, more
/// than the hardware prefetchers follow, so each bar would otherwise be a wait on main memory (measured: about a third of
/// the time of a bar without signals, docs/PERFORMANCE.md).
/// </summary>
/// <remarks>
/// The only unsafe code of the engine, and harmless: a prefetch is a hint that never faults and never changes memory.
/// The object's address is read and used at once; if a garbage collection moved the object in between, the hint would
/// merely fetch the wrong line.
/// </remarks>
internal static unsafe class CacheHint
{
    /// <summary>Prefetches the first <c>3 × 64</c> bytes of <paramref name="value"/> (a <c>Bar</c> is 136).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prefetch(object value)
    {
        if (Sse.IsSupported)
        {
            // The reference itself is the object's address: read as a number, it is not a load of the object. (Taking
            // the address of a field would be: the null check it needs reads the very line the hint is meant to fetch,
            // and waits for it.) A prefetch of null does nothing.
            var address = (byte*)Unsafe.As<object, nint>(ref value);
            Sse.Prefetch0(address);
            Sse.Prefetch0(address + 64);
            Sse.Prefetch0(address + 128);
        }
    }
}
