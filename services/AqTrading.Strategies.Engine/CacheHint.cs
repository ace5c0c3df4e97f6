using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace AqTrading.Strategies.Engine;

/// <summary>
/// Asks the processor to bring memory into its caches ahead of use (x86 <c>prefetcht0</c>; nothing elsewhere). A backtest
/// steps through every symbol's bars in time order: hundreds of interleaved streams through memory, more than the
/// hardware prefetchers follow, and between two bars of one symbol come the bars of all the others, more data than the
/// core's own cache holds. Without hints each bar's object, each line of the bar arrays and each line of a strategy's
/// per-symbol state would be a wait on memory (measured: docs/PERFORMANCE.md). Used by the backtest engine (bars) and
/// the built-in strategies (their per-symbol rings).
/// </summary>
/// <remarks>
/// The only unsafe code of the strategy and backtest engines, and harmless: a prefetch is a hint that never faults and
/// never changes memory. The address is read and used at once; if a garbage collection moved the object in between, the
/// hint would merely fetch the wrong line.
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

    /// <summary>Prefetches the cache line holding <paramref name="items"/>[<paramref name="index"/>] (an array's or a
    /// span's element); nothing when the index is outside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prefetch<T>(ReadOnlySpan<T> items, int index)
    {
        if (Sse.IsSupported && (uint)index < (uint)items.Length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in items[index])));
        }
    }
}
