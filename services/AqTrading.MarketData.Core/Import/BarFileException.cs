namespace AqTrading.MarketData.Core.Import;

/// <summary>A data file that cannot be imported, naming the file and the 1-based line at fault (0: the file itself).</summary>
public sealed class BarFileException(string file, int line, string reason)
    : FormatException(line > 0 ? $"{file}, line {line}: {reason}" : $"{file}: {reason}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Reason { get; } = reason;
}
