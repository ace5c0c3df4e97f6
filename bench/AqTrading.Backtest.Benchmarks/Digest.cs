using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AqTrading.Backtest.Benchmarks;

/// <summary>
/// <c>--digest</c>: the SHA-256 of each benchmark's whole <see cref="Engine.BacktestResult"/> as JSON (every equity
/// point, trade, fill, position change and trace, with the statistics). A change to the engine meant only to be faster
/// must leave these unchanged: run it before and after and compare.
/// </summary>
internal static class Digest
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // NaN statistics of a run without trades
    };

    public static void Run()
    {
        var benchmarks = new EngineBenchmarks();
        benchmarks.Setup();
        foreach (var (name, run) in benchmarks.All())
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(run(), Json);
            Console.WriteLine($"{name,-20} {Convert.ToHexStringLower(SHA256.HashData(json))}  ({json.Length:N0} bytes of JSON)");
        }
    }
}
