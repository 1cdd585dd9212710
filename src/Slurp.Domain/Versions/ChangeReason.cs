namespace Slurp.Domain.Versions;

/// <summary>Why a version was written (DESIGN.md "Versions"); travels as its snake_case name.</summary>
public enum ChangeReason
{
    InitialCreation,
    CodeChange,
    DesignDecision,
    Refactoring,
    ArchitectureChange,
    RequirementsChange,
    LearningEvolution,
    RagEnhancement,
    TeamInput,
    BugDiscovery,
    PerformanceInsight,
    SecurityReview,
    Rollback,
    Deletion,
}
