using System.Collections;

namespace AqTrading.Backtest.Engine;

/// <summary>
/// An append-only list of result records in fixed chunks of <see cref="ChunkSize"/>: adding never copies what is already
/// there (a <see cref="List{T}"/> of records the size of a <see cref="SignalTrace"/> copies and reallocates megabytes as it
/// grows), and each chunk stays below the large-object threshold, so a run's records are a few hundred ordinary arrays
/// rather than an object per record for the garbage collector to trace and copy.
/// </summary>
internal sealed class ChunkedList<T> : IReadOnlyList<T>
{
    private const int Shift = 7;
    private const int ChunkSize = 1 << Shift; // 128 records: 40 KB for the largest record, below the 85 KB large-object threshold
    private const int Mask = ChunkSize - 1;

    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return _chunks[index >> Shift][index & Mask];
        }
    }

    public void Add(in T item)
    {
        if ((Count & Mask) == 0)
        {
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[Count >> Shift][Count & Mask] = item;
        Count++;
    }

    /// <summary>Replaces the record at <paramref name="index"/> (a placeholder added earlier).</summary>
    public void Set(int index, in T item)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        _chunks[index >> Shift][index & Mask] = item;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _chunks[i >> Shift][i & Mask];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
