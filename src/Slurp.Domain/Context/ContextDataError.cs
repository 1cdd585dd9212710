namespace Slurp.Domain.Context;

/// <summary>One validation problem in submitted context data.</summary>
/// <param name="Field">The snake_case path of the offending field, e.g. <c>context_data.tags[3]</c>.</param>
/// <param name="Message">What is wrong, without echoing the submitted content.</param>
public sealed record ContextDataError(string Field, string Message);
