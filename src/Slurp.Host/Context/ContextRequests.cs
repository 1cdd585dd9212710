using System.Text.Json.Serialization;

namespace Slurp.Host.Context;

/// <summary>The <c>context_data</c> object of a request.</summary>
public sealed record ContextDataBody
{
    public string? Summary { get; init; }
    public string? Purpose { get; init; }
    public List<string>? Technologies { get; init; }
    public List<string>? Tags { get; init; }
    public List<string>? Insights { get; init; }
}

/// <summary>Body of <c>PUT /v1/context</c>.</summary>
public sealed record PutContextBody
{
    public ContextDataBody? ContextData { get; init; }
    public string? Classification { get; init; }
    public List<string>? EncryptedForRoles { get; init; }
    public Dictionary<string, ContextDataBody>? RoleOverlays { get; init; }
    public string? ChangeReason { get; init; }
    public string? DecisionRef { get; init; }
    public List<string>? Influences { get; init; }
    public string? Branch { get; init; }
    public int? ExpectedVersion { get; init; }
}

/// <summary>Body of <c>POST /v1/context/rollback</c>.</summary>
public sealed record RollbackBody
{
    public int? ToVersion { get; init; }
    public string? ChangeReason { get; init; }
    public string? Branch { get; init; }
}

/// <summary>Body of <c>POST /v1/context/branches</c>.</summary>
public sealed record CreateBranchBody
{
    public string? Name { get; init; }
    public int? FromVersion { get; init; }
}

/// <summary>A created branch.</summary>
public sealed record BranchView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("head_version")] int HeadVersion);
