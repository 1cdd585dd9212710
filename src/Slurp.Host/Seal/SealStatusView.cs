namespace Slurp.Host.Seal;

/// <summary>The answer of <c>GET /v1/sys/seal-status</c> (API.md), for this silo.</summary>
public sealed record SealStatusView(bool Initialized, bool Sealed, int Threshold, int Shares, int Progress, string Mode);

/// <summary>The answer of <c>POST /v1/sys/init</c>: the shares and a root token, shown once.</summary>
public sealed record InitView(IReadOnlyList<string> Keys, string RootToken, int Shares, int Threshold);
