using System.Text.RegularExpressions;

namespace AqTrading.LoadDriver;

/// <summary>
/// The command line. `./aq bench` hands the same arguments to every bench project, so BenchmarkDotNet's own options
/// are tolerated: <c>--filter</c> globs decide whether this driver runs at all (it answers to <see cref="Name"/>), and
/// anything else unknown is ignored.
/// </summary>
/// <param name="ServiceLogLevel">When set, every service runs with Logging__LogLevel__Default at this level instead of
/// its own default (Information, which logs every SQL command and HTTP call).</param>
internal sealed record LoadOptions(int Orders, int Concurrency, int Warmup, string? ServiceLogLevel, bool Run, bool ListOnly)
{
    public const string Name = "AqTrading.LoadDriver.GatewayOrders";

    public static LoadOptions Parse(string[] args)
    {
        int orders = 5_000, concurrency = 16, warmup = 200;
        var filters = new List<string>();
        string? serviceLogLevel = null;
        var listOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i].ToLowerInvariant())
            {
                case "--orders": orders = PositiveInt(args, ++i); break;
                case "--concurrency": concurrency = PositiveInt(args, ++i); break;
                case "--warmup": warmup = PositiveInt(args, ++i, allowZero: true); break;
                case "--service-log-level": serviceLogLevel = Value(args, ++i); break;
                case "--list": listOnly = true; break;
                case "--filter" or "-f":
                    // BenchmarkDotNet takes every following value up to the next option.
                    while (i + 1 < args.Length && !args[i + 1].StartsWith('-'))
                    {
                        filters.Add(args[++i]);
                    }

                    break;
            }
        }

        var run = filters.Count == 0 || filters.Any(Matches);
        return new LoadOptions(orders, concurrency, warmup, serviceLogLevel, run, listOnly);
    }

    private static bool Matches(string glob) =>
        Regex.IsMatch(Name, "^" + Regex.Escape(glob).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase);

    private static string Value(string[] args, int i) =>
        i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int PositiveInt(string[] args, int i, bool allowZero = false) =>
        int.TryParse(Value(args, i), out var value) && (value > 0 || (allowZero && value == 0))
            ? value
            : throw new ArgumentException($"{args[i - 1]} needs a {(allowZero ? "non-negative" : "positive")} whole number.");
}
