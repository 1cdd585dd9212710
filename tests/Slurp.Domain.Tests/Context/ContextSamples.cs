using Slurp.Domain.Context;

namespace Slurp.Domain.Tests.Context;

/// <summary>Hand-written chains for the example tests: a project root, a folder and a file.</summary>
internal static class ContextSamples
{
    public const string Root = "ucxl://any:any@proj:task/";
    public const string Src = "ucxl://any:any@proj:task/src";
    public const string Api = "ucxl://any:any@proj:task/src/api";
    public const string UsersGo = "ucxl://any:any@proj:task/src/api/users.go";

    public const string Backend = "backend_developer";
    public const string Architect = "senior_architect";
    public const string Frontend = "frontend_developer";

    public static IReadOnlySet<string> As(params string[] roles) => roles.ToHashSet(StringComparer.Ordinal);

    /// <summary>A node whose base layer holds <paramref name="data"/> for <paramref name="readers"/> (default: backend).</summary>
    public static NodeLayers Node(string source, ContextData data, params string[] readers) =>
        new(source, [ContextLayer.Base(readers.Length == 0 ? [Backend] : readers, data)]);

    public static ResolvedContext Resolve(IReadOnlySet<string> roles, params NodeLayers[] chain) =>
        CascadeResolver.Resolve(chain, roles, CascadeOptions.Default);

    public static ResolvedContext ResolveAsBackend(params NodeLayers[] chain) => Resolve(As(Backend), chain);
}
