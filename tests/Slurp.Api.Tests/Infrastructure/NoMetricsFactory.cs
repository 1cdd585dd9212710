namespace Slurp.Api.Tests.Infrastructure;

/// <summary>A host with <c>Slurp:Metrics:Enabled=false</c>: no <c>/metrics</c> endpoint.</summary>
public sealed class NoMetricsFactory : SlurpApiFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Slurp:Metrics:Enabled", "false")];
}
