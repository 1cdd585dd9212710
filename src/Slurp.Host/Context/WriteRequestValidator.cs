using Slurp.Domain.Access;
using Slurp.Domain.Addresses;
using Slurp.Domain.Context;
using Slurp.Domain.Versions;

namespace Slurp.Host.Context;

/// <summary>A PUT body that passed validation, in domain form.</summary>
internal sealed record ValidatedWrite(
    ContextData Data,
    IReadOnlyDictionary<string, ContextData> Overlays,
    AccessLevel Classification,
    IReadOnlyList<string>? ExplicitReaders,
    string ChangeReason,
    string? DecisionRef,
    string[] Influences,
    string? Branch,
    int? ExpectedVersion);

/// <summary>Checks every field of a PUT body and collects all problems at once, keyed by JSON path.</summary>
internal static class WriteRequestValidator
{
    private const int MaxInfluences = 256;
    private const int MaxDecisionRef = 512;

    public static ValidatedWrite? Validate(PutContextBody body, RoleCatalog roles, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!found.TryGetValue(field, out var list))
            {
                found[field] = list = [];
            }

            list.Add(message);
        }

        ContextData data = ContextData.Empty;
        if (body.ContextData is null)
        {
            Add("context_data", "context_data is required");
        }
        else
        {
            data = Normalize(body.ContextData, "context_data", Add);
        }

        var reason = body.ChangeReason;
        if (string.IsNullOrEmpty(reason))
        {
            Add("change_reason", $"change_reason is required: one of {string.Join(", ", ChangeReasons.WireNames)}");
        }
        else if (!ChangeReasons.TryParse(reason, out _))
        {
            Add("change_reason", $"'{reason}' is not one of {string.Join(", ", ChangeReasons.WireNames)}");
        }

        var classification = AccessLevel.Medium;
        if (body.Classification is not null && !AccessLevels.TryParse(body.Classification, out classification))
        {
            Add("classification", $"'{body.Classification}' is not one of low, medium, high, critical");
        }

        if (body.EncryptedForRoles is { } readers)
        {
            if (readers.Count == 0)
            {
                Add("encrypted_for_roles", "name at least one role, or omit the field for the default");
            }

            for (var i = 0; i < readers.Count; i++)
            {
                if (readers[i] is null)
                {
                    Add($"encrypted_for_roles[{i}]", "must be a role name, not null");
                }
                else if (!roles.Contains(readers[i]))
                {
                    Add($"encrypted_for_roles[{i}]", $"role '{readers[i]}' does not exist");
                }
            }
        }

        var overlays = new Dictionary<string, ContextData>(StringComparer.Ordinal);
        foreach (var (role, overlay) in body.RoleOverlays ?? [])
        {
            if (!roles.Contains(role))
            {
                Add($"role_overlays.{role}", $"role '{role}' does not exist");
                continue;
            }

            if (overlay is null)
            {
                Add($"role_overlays.{role}", "must be an object with the layer's fields, not null");
                continue;
            }

            overlays[role] = Normalize(overlay, $"role_overlays.{role}", Add);
        }

        if (body.DecisionRef is { } decision && (decision.Length > MaxDecisionRef || decision.Any(char.IsControl)))
        {
            Add("decision_ref", $"decision_ref must be at most {MaxDecisionRef} characters without control characters");
        }

        var influences = new List<string>();
        var given = body.Influences ?? [];
        if (given.Count > MaxInfluences)
        {
            Add("influences", $"at most {MaxInfluences} influences");
        }

        for (var i = 0; i < Math.Min(given.Count, MaxInfluences); i++)
        {
            if (!UcxlAddress.TryParse(given[i], out var influenced, out var error))
            {
                Add($"influences[{i}]", error!.ToString());
            }
            else if (!influenced!.HasConcreteNode)
            {
                Add($"influences[{i}]", "project and task must be concrete to name a node");
            }
            else
            {
                influences.Add(influenced.Node.ToString());
            }
        }

        if (body.Branch is { } branch && !BranchName.IsValid(branch, out var branchError))
        {
            Add("branch", branchError!);
        }

        if (body.ExpectedVersion is < 0)
        {
            Add("expected_version", "expected_version must be 0 (the node must not exist yet) or a version number");
        }

        errors = found.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        if (errors.Count > 0)
        {
            return null;
        }

        return new ValidatedWrite(
            data,
            overlays,
            classification,
            body.EncryptedForRoles?.Distinct(StringComparer.Ordinal).ToList(),
            reason!,
            body.DecisionRef,
            [.. influences.Distinct(StringComparer.Ordinal)],
            body.Branch,
            body.ExpectedVersion);
    }

    private static ContextData Normalize(ContextDataBody body, string prefix, Action<string, string> add)
    {
        var result = ContextDataNormalizer.Normalize(body.ToDomain(), prefix);
        foreach (var (field, message) in result.Errors)
        {
            add(field, message);
        }

        return result.Data;
    }
}
