namespace Slurp.Api.Tests.Infrastructure;

/// <summary>A host whose seal runs in shamir mode: it starts sealed and uninitialized.</summary>
public sealed class ShamirSealFactory : SlurpApiFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Slurp:Seal:Mode", "shamir")];
}

/// <summary>A dev-seal host that starts re-wrapping 200 ms after a rotation (instead of 5 s).</summary>
public sealed class QuickRewrapFactory : SlurpApiFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Slurp:Keys:RewrapGrace", "00:00:00.200")];
}

/// <summary>A dev-seal host of its own for the test that edits the audit table behind the API's back.</summary>
public sealed class AuditTamperFactory : SlurpApiFactory;
