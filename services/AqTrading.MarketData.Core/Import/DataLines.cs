namespace AqTrading.MarketData.Core.Import;

/// <summary>The comma-separated lines of a data file with their 1-based line numbers, blank lines skipped.</summary>
internal static class DataLines
{
    /// <param name="linesAlreadyRead">Lines the caller consumed before (a header), so numbers match the file.</param>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader, int linesAlreadyRead = 0)
    {
        var lineNumber = linesAlreadyRead;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (lineNumber, line.Split(','));
            }
        }
    }
}
