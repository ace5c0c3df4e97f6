using Microsoft.Extensions.DependencyInjection;

namespace AqTrading.AppHost;

/// <summary>
/// Where the services send their traces, metrics and logs: to the Aspire dashboard when one runs (<c>./aq run</c>).
/// Aspire hands every project the dashboard's OTLP address even when it starts no dashboard (the whole-system tests and
/// the load driver: microsoft/aspire#3349), and its development settings (every request traced, an export every
/// second, failed exports kept and retried) then cost each service CPU on every request for telemetry nobody receives
/// — measured with the load driver: HTTP exceptions from the failing exports in every process, the order pipeline
/// several times slower. Without a dashboard the OTLP variables are removed and <c>OTEL_SDK_DISABLED</c> is set, so the
/// services collect no telemetry at all (the client integrations' own tracing included).
/// </summary>
internal static class TelemetryExport
{
    private const string DashboardResourceName = "aspire-dashboard";

    public static IResourceBuilder<ProjectResource> WithTelemetryToDashboardOnly(this IResourceBuilder<ProjectResource> project) =>
        project.WithEnvironment(context =>
        {
            if (context.ExecutionContext.IsPublishMode)
            {
                return;
            }

            var model = context.ExecutionContext.Services.GetRequiredService<DistributedApplicationModel>();
            if (model.Resources.Any(r => r.Name == DashboardResourceName))
            {
                return;
            }

            foreach (var name in context.EnvironmentVariables.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)
                         && k != "OTEL_SERVICE_NAME").ToList())
            {
                context.EnvironmentVariables.Remove(name);
            }

            context.EnvironmentVariables["OTEL_SDK_DISABLED"] = "true";
        });
}
