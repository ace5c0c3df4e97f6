using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace AqTrading.Risk.Benchmarks;

/// <summary>
/// The default job, run in-process: the out-of-process toolchain generates and builds a project of its own, which
/// would inherit the repository's Directory.*.props (warnings as errors, central versions) and doubles the build time on
/// two cores. Percentile columns show the spread of iteration means.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.P50, StatisticColumn.P95, new P99Column(), StatisticColumn.Max);
    }

    /// <summary>BenchmarkDotNet has P0…P100 columns in steps that skip 99.</summary>
    private sealed class P99Column : IColumn
    {
        public string Id => "P99";

        public string ColumnName => "P99";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 2; // with P50 and P95

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Time;

        public string Legend => "Percentile 99 of the iteration means";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (summary[benchmarkCase]?.ResultStatistics is not { } statistics)
            {
                return "NA";
            }

            // In the table's unit, like the built-in columns.
            var nanoseconds = statistics.Percentiles.Percentile(99);
            var unit = style.TimeUnit ?? TimeUnit.GetBestTimeUnit(nanoseconds);
            return $"{TimeUnit.Convert(nanoseconds, TimeUnit.Nanosecond, unit).ToString("N1", style.CultureInfo)} {unit.Abbreviation}";
        }
    }
}
