namespace Slurp.Domain.Versions;

/// <summary>The wire form of <see cref="ChangeReason"/>: its snake_case name, e.g. <c>architecture_change</c>.</summary>
public static class ChangeReasons
{
    private static readonly Dictionary<string, ChangeReason> ByWireName =
        Enum.GetValues<ChangeReason>().ToDictionary(ToWire, StringComparer.Ordinal);

    /// <summary>Every wire name, in the order of <see cref="ChangeReason"/> (DESIGN.md "Versions").</summary>
    public static IReadOnlyList<string> WireNames { get; } =
        Array.AsReadOnly(Enum.GetValues<ChangeReason>().Select(ToWire).ToArray());

    /// <summary>Parses a wire name; only the exact snake_case names are accepted (no other casing, no numbers).</summary>
    /// <returns>True and the reason, or false and <see cref="ChangeReason.InitialCreation"/>.</returns>
    public static bool TryParse(string? text, out ChangeReason reason)
    {
        if (text is not null && ByWireName.TryGetValue(text, out reason))
        {
            return true;
        }

        reason = ChangeReason.InitialCreation;
        return false;
    }

    /// <summary>The wire name of a reason.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="ChangeReason"/>.</exception>
    public static string ToWire(ChangeReason reason) => reason switch
    {
        ChangeReason.InitialCreation => "initial_creation",
        ChangeReason.CodeChange => "code_change",
        ChangeReason.DesignDecision => "design_decision",
        ChangeReason.Refactoring => "refactoring",
        ChangeReason.ArchitectureChange => "architecture_change",
        ChangeReason.RequirementsChange => "requirements_change",
        ChangeReason.LearningEvolution => "learning_evolution",
        ChangeReason.RagEnhancement => "rag_enhancement",
        ChangeReason.TeamInput => "team_input",
        ChangeReason.BugDiscovery => "bug_discovery",
        ChangeReason.PerformanceInsight => "performance_insight",
        ChangeReason.SecurityReview => "security_review",
        ChangeReason.Rollback => "rollback",
        ChangeReason.Deletion => "deletion",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a defined change reason."),
    };
}
