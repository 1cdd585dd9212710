using System.Text;
using static System.FormattableString;

namespace Slurp.Domain.Addresses;

/// <summary>
/// A parsed UCXL address, <c>ucxl://{agent}:{role}@{project}:{task}/[{temporal}/]{path}</c>.
/// Components match <c>[A-Za-z0-9_-]+</c> (at most <see cref="MaxComponentLength"/> characters); the lower-case
/// word <c>any</c> is the wildcard. A null <see cref="Temporal"/> means no selector was written (read the latest).
/// Formatting is canonical: <c>Parse(s).ToString() == s</c> for every valid <c>s</c>, and
/// <c>Parse(a.ToString()) == a</c> for every address <c>a</c>. Every property is validated, also in <c>with</c>.
/// </summary>
/// <param name="Agent">The acting agent (on a write) or <c>any</c>.</param>
/// <param name="Role">The role written or read as, or <c>any</c> (all of the caller's roles).</param>
/// <param name="Project">The project, or <c>any</c>.</param>
/// <param name="Task">The task within the project, or <c>any</c>.</param>
/// <param name="Temporal">The version selector as written, or null when the address has none.</param>
/// <param name="Path">The node path within the project.</param>
public sealed record UcxlAddress(string Agent, string Role, string Project, string Task, TemporalSelector? Temporal, NodePath Path)
{
    /// <summary>The scheme prefix, exactly as it must be written.</summary>
    public const string Scheme = "ucxl://";

    /// <summary>The wildcard component.</summary>
    public const string Any = "any";

    /// <summary>The longest string <see cref="TryParse"/> looks at, in bytes of UTF-8.</summary>
    public const int MaxLength = 8192;

    /// <summary>
    /// The longest agent, role, project or task, in characters. With the path bound this keeps every valid
    /// address well below <see cref="MaxLength"/>, so formatting an address always gives parseable text.
    /// </summary>
    public const int MaxComponentLength = 256;

    private const string Shape = "'ucxl://{agent}:{role}@{project}:{task}/{path}'";

    private readonly string _agent = RequireComponent(Agent, UcxlAddressPart.Agent);
    private readonly string _role = RequireComponent(Role, UcxlAddressPart.Role);
    private readonly string _project = RequireComponent(Project, UcxlAddressPart.Project);
    private readonly string _task = RequireComponent(Task, UcxlAddressPart.Task);
    private readonly NodePath _path = RequirePath(Path);

    /// <summary>The acting agent (on a write) or <c>any</c>.</summary>
    public string Agent
    {
        get => _agent;
        init => _agent = RequireComponent(value, UcxlAddressPart.Agent);
    }

    /// <summary>The role written or read as, or <c>any</c>.</summary>
    public string Role
    {
        get => _role;
        init => _role = RequireComponent(value, UcxlAddressPart.Role);
    }

    /// <summary>The project, or <c>any</c>.</summary>
    public string Project
    {
        get => _project;
        init => _project = RequireComponent(value, UcxlAddressPart.Project);
    }

    /// <summary>The task within the project, or <c>any</c>.</summary>
    public string Task
    {
        get => _task;
        init => _task = RequireComponent(value, UcxlAddressPart.Task);
    }

    /// <summary>The version selector as written; null when the address has none (which reads the latest).</summary>
    public TemporalSelector? Temporal { get; init; } = Temporal;

    /// <summary>The node path within the project.</summary>
    public NodePath Path
    {
        get => _path;
        init => _path = RequirePath(value);
    }

    /// <summary>The selector to apply: <see cref="Temporal"/>, or <see cref="TemporalSelector.Latest"/> when none was written.</summary>
    public TemporalSelector EffectiveTemporal => Temporal ?? TemporalSelector.Latest;

    /// <summary>True when neither the project nor the task is <c>any</c>, so the address names one node.</summary>
    public bool HasConcreteNode => !IsAny(Project) && !IsAny(Task);

    /// <summary>The identity of the node this address names.</summary>
    /// <exception cref="InvalidOperationException">When the project or the task is <c>any</c>.</exception>
    public NodeKey Node => HasConcreteNode
        ? new NodeKey(Project, Task, Path)
        : throw new InvalidOperationException(
            "address " + ToString() + " has 'any' as its project or task, so it names no single node");

    /// <summary>
    /// The canonical address of the node shown in responses: agent and role <c>any</c>, no temporal selector,
    /// e.g. <c>ucxl://any:any@proj:task/src/api</c>.
    /// </summary>
    public UcxlAddress NodeAddress => this with { Agent = Any, Role = Any, Temporal = null };

    /// <summary>True when <paramref name="component"/> is the wildcard <c>any</c> (lower case, exactly).</summary>
    public static bool IsAny(string component) => string.Equals(component, Any, StringComparison.Ordinal);

    /// <summary>The same address for another node path.</summary>
    public UcxlAddress WithPath(NodePath path) => this with { Path = path };

    /// <summary>
    /// Parses an address. Total: for any input (null, empty, huge, any characters) it returns either true with
    /// the address, or false with an error naming the part at fault; it never throws.
    /// </summary>
    public static bool TryParse(string? text, out UcxlAddress? address, out UcxlParseError? error)
    {
        error = Read(text, out address);
        return error is null;
    }

    /// <summary>Parses an address.</summary>
    /// <exception cref="UcxlFormatException">When the text is not a valid address; it carries the error.</exception>
    public static UcxlAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address! : throw new UcxlFormatException(error!);

    /// <summary>The canonical text, e.g. <c>ucxl://claude-1:backend_developer@proj:task/*~3/src/api</c>.</summary>
    public override string ToString()
    {
        var head = Scheme + Agent + ":" + Role + "@" + Project + ":" + Task;
        return Temporal is null
            ? head + Path.Value
            : head + "/" + Temporal + (Path.IsRoot ? string.Empty : Path.Value);
    }

    /// <summary>Checks one component; the error's message does not repeat the part's name.</summary>
    internal static bool TryCheckComponent(string? value, UcxlAddressPart part, out UcxlParseError? error)
    {
        if (value is null)
        {
            error = new(part, "is missing");
        }
        else if (value.Length == 0)
        {
            error = new(part, "must not be empty");
        }
        else if (value.Length > MaxComponentLength)
        {
            error = new(part, Invariant($"is {value.Length} characters long; at most {MaxComponentLength} are allowed"));
        }
        else if (!AddressText.IsComponent(value))
        {
            error = new(part, "must match [A-Za-z0-9_-]+ or be 'any' (got " + AddressText.Quote(value) + ")");
        }
        else
        {
            error = null;
        }

        return error is null;
    }

    private static string RequireComponent(string value, UcxlAddressPart part) =>
        TryCheckComponent(value, part, out var error)
            ? value
            : throw new ArgumentException(error!.ToString(), part.ToString());

    private static NodePath RequirePath(NodePath path) =>
        path ?? throw new ArgumentNullException(nameof(Path));

    /// <summary>Reads <paramref name="text"/>; returns the first problem found, or null with the address set.</summary>
    private static UcxlParseError? Read(string? text, out UcxlAddress? address)
    {
        address = null;
        if (text is null)
        {
            return new(UcxlAddressPart.Address, "is null");
        }

        if (text.Length == 0)
        {
            return new(UcxlAddressPart.Address, "is empty; expected " + Shape);
        }

        // Every character is at least one byte of UTF-8, so the exact count only runs on bounded input.
        if (text.Length > MaxLength || Encoding.UTF8.GetByteCount(text) > MaxLength)
        {
            return new(UcxlAddressPart.Address, Invariant($"is longer than {MaxLength} bytes of UTF-8"));
        }

        if (!text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
                ? new(UcxlAddressPart.Scheme, "must be 'ucxl://' in lower case (got " + AddressText.Quote(text[..Scheme.Length]) + ")")
                : new(UcxlAddressPart.Scheme, "must be 'ucxl://' (got " + AddressText.Quote(text) + ")");
        }

        var rest = text.AsSpan(Scheme.Length);
        var slash = rest.IndexOf('/');
        var authority = slash < 0 ? rest : rest[..slash];

        var at = authority.IndexOf('@');
        if (at < 0)
        {
            return new(UcxlAddressPart.Address, "has no '@' between '{agent}:{role}' and '{project}:{task}'; expected " + Shape);
        }

        var agentRole = authority[..at];
        var projectTask = authority[(at + 1)..];

        var colon = agentRole.IndexOf(':');
        if (colon < 0)
        {
            return new(UcxlAddressPart.Role, "is missing: expected '{agent}:{role}' before '@' (got " + AddressText.Quote(agentRole.ToString()) + ")");
        }

        var agent = agentRole[..colon].ToString();
        var role = agentRole[(colon + 1)..].ToString();
        if (!TryCheckComponent(agent, UcxlAddressPart.Agent, out var error) || !TryCheckComponent(role, UcxlAddressPart.Role, out error))
        {
            return error;
        }

        colon = projectTask.IndexOf(':');
        if (colon < 0)
        {
            return new(UcxlAddressPart.Task, "is missing: expected '{project}:{task}' after '@' (got " + AddressText.Quote(projectTask.ToString()) + ")");
        }

        var project = projectTask[..colon].ToString();
        var task = projectTask[(colon + 1)..].ToString();
        if (!TryCheckComponent(project, UcxlAddressPart.Project, out error) || !TryCheckComponent(task, UcxlAddressPart.Task, out error))
        {
            return error;
        }

        if (slash < 0)
        {
            return new(UcxlAddressPart.Path, "is missing: the task must be followed by a path starting with '/' ('/' is the project root)");
        }

        var remainder = rest[slash..].ToString();
        var firstEnd = remainder.IndexOf('/', 1);
        var first = firstEnd < 0 ? remainder[1..] : remainder[1..firstEnd];

        TemporalSelector? temporal = null;
        var pathText = remainder;
        if (TemporalSelector.LooksTemporal(first))
        {
            if (!TemporalSelector.TryParse(first, out temporal, out var temporalError))
            {
                return new(UcxlAddressPart.Temporal, temporalError!);
            }

            pathText = firstEnd < 0 ? string.Empty : remainder[firstEnd..];
            if (pathText == "/")
            {
                return new(
                    UcxlAddressPart.Path,
                    "ends with '/': after a temporal selector the project root is written with nothing more (e.g. 'ucxl://a:r@p:t/*^')");
            }
        }

        NodePath? path;
        if (pathText.Length == 0)
        {
            path = NodePath.Root;
        }
        else if (!NodePath.TryParse(pathText, out path, out var pathError))
        {
            return new(UcxlAddressPart.Path, pathError!);
        }

        address = new UcxlAddress(agent, role, project, task, temporal, path!);
        return null;
    }
}
