namespace Slurp.Api.Tests.Infrastructure;

/// <summary>A host with <c>Slurp:Cascade:AncestorCache=false</c>: every resolution asks every ancestor.</summary>
public sealed class NoAncestorCacheFactory : SlurpApiFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Slurp:Cascade:AncestorCache", "false")];
}
