namespace Slurp.Domain.Addresses;

/// <summary>Why a string is not a valid UCXL address: the part at fault and a precise message.</summary>
/// <param name="Part">The part of the address that is wrong.</param>
/// <param name="Message">What is wrong with it, quoting the offending input (escaped and shortened).</param>
public sealed record UcxlParseError(UcxlAddressPart Part, string Message)
{
    /// <summary>The part in lower case, a colon and the message, e.g. <c>role: must match [A-Za-z0-9_-]+ or be 'any' (got 'a b')</c>.</summary>
    public override string ToString() => PartName(Part) + ": " + Message;

    private static string PartName(UcxlAddressPart part) => part switch
    {
        UcxlAddressPart.Address => "address",
        UcxlAddressPart.Scheme => "scheme",
        UcxlAddressPart.Agent => "agent",
        UcxlAddressPart.Role => "role",
        UcxlAddressPart.Project => "project",
        UcxlAddressPart.Task => "task",
        UcxlAddressPart.Temporal => "temporal",
        UcxlAddressPart.Path => "path",
        _ => part.ToString().ToLowerInvariant(),
    };
}
