namespace Slurp.Api.Tests.Infrastructure;

/// <summary>A host whose <c>Slurp:Api:MaxBodyBytes</c> is small enough to exceed with an ordinary body.</summary>
public sealed class SmallBodyLimitFactory : SlurpApiFactory
{
    public const int MaxBodyBytes = 2048;

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("Slurp:Api:MaxBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
