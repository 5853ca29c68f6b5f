using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Contract;
using Headless.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Headless.Api.Tests.Hostile;

/// <summary>
/// Property-based hostile input, generated from <c>api-spec/openapi.json</c>: for every operation, many random requests
/// with valid and hostile parameters, bodies, content types and keys. Whatever is sent, the API (1) never answers 5xx;
/// (2) answers a status the operation documents, with a body of its documented schema (<see cref="ContractRecorder"/>);
/// (3) changes nothing stored when it answers a failure.
/// </summary>
/// <remarks>
/// 25 cases per operation by default; <c>HEADLESS_HOSTILE_CASES</c> sets more. The seed is random per run and printed
/// with every failure; <c>HEADLESS_HOSTILE_SEED</c> replays one.
/// </remarks>
public sealed class HostileInputTests(DemoApiFactory factory, ITestOutputHelper output) : IClassFixture<DemoApiFactory>
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("HEADLESS_HOSTILE_SEED"), CultureInfo.InvariantCulture, out var seed)
        ? seed
        : Random.Shared.Next();

    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("HEADLESS_HOSTILE_CASES"), CultureInfo.InvariantCulture, out var cases)
        ? cases
        : 25;

    private static readonly ContractSpec Spec = ContractSpec.Load();

    public static TheoryData<string> Operations() => new(Spec.Operations.Select(o => o.Name));

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Random_input_never_answers_5xx_off_contract_or_changes_state_on_failure(string operationName)
    {
        var operation = Spec.Operations.Single(o => o.Name == operationName);
        var operationSeed = Seed ^ StableHash(operationName);
        output.WriteLine($"HEADLESS_HOSTILE_SEED={Seed} (operation seed {operationSeed}), {Cases} cases");
        var values = new HostileValues(new Random(operationSeed), Spec.Validator);
        var recorder = new ContractRecorder(Spec);
        var clients = await Clients(recorder);
        var failures = new List<string>();

        for (var i = 0; i < Cases && failures.Count < 5; i++)
        {
            var (role, client) = PickClient(values, operation, clients);
            using var request = await Build(values, operation, clients["admin"]);
            var described = $"case {i} (HEADLESS_HOSTILE_SEED={Seed}): {request.Method} {Shorten(request.RequestUri!.OriginalString)} as {role}, Accept: {request.Headers.Accept}" +
                            $" [{request.Content?.Headers.ContentType}] {Shorten(request.Content is null ? "" : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync()))}";
            var before = Snapshot();
            var seen = recorder.Violations.Count;
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                failures.Add($"{described} → {status}: {Shorten(await response.Content.ReadAsStringAsync())}");
            }

            failures.AddRange(recorder.Violations.Skip(seen).Select(v => $"{described} → {v}"));
            if (status is < 200 or >= 300 && Snapshot() != before)
            {
                failures.Add($"{described} → {status}, but the stored state changed");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private async Task<Dictionary<string, HttpClient>> Clients(ContractRecorder recorder)
    {
        var admin = recorder.Client(factory, "admin", ApiFactory.AdminKey);
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal) { ["admin"] = admin, ["anonymous"] = recorder.Client(factory, null, null) };
        foreach (var role in new[] { "editor", "partner", "reader" })
        {
            var response = await admin.PostJson("/v1/keys", new { name = $"Hostile {role}", role });
            clients[role] = recorder.Client(factory, role, (await response.AssertOk(HttpStatusCode.Created))["secret"]!.GetValue<string>());
        }

        clients["wrong key"] = recorder.Client(factory, "wrong key", "hk_live_" + new string('x', 40));
        return clients;
    }

    /// <summary>Mostly a key of a role the operation names; sometimes none, a wrong key or a role below it.</summary>
    private static (string Role, HttpClient Client) PickClient(HostileValues values, SpecOperation operation, Dictionary<string, HttpClient> clients)
    {
        var role = values.Random.Next(10) switch
        {
            < 8 => operation.Roles.Count > 0 ? values.Pick(operation.Roles) : values.Pick(["anonymous", "reader", "admin"]),
            8 => "anonymous",
            _ => values.Pick(["wrong key", "reader", "partner", "editor"]),
        };
        return (role, clients[role]);
    }

    private async Task<HttpRequestMessage> Build(HostileValues values, SpecOperation operation, HttpClient admin)
    {
        var parameters = operation.Operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
        var path = new StringBuilder();
        foreach (var segment in operation.PathTemplate.Split('/').Skip(1))
        {
            path.Append('/');
            if (!segment.StartsWith('{'))
            {
                path.Append(segment);
                continue;
            }

            // No NUL in a path: TestServer throws on it before the API sees the request (Kestrel answers it 400 itself).
            var name = segment.Trim('{', '}');
            path.Append(values.Chance(0.75) ? Uri.EscapeDataString(ExistingValue(values, operation, name, path.ToString()))
                : values.Chance(0.5) ? values.HostileId()
                : Uri.EscapeDataString(values.Text(parameters.First(p => p["name"]!.GetValue<string>() == name)["schema"]!, name, valid: false)).Replace("%00", "%20", StringComparison.Ordinal) is { Length: > 0 } text ? text : "%20");
        }

        var query = new List<string>();
        foreach (var parameter in parameters.Where(p => p["in"]!.GetValue<string>() == "query"))
        {
            if (values.Chance(0.6))
            {
                continue;
            }

            var name = parameter["name"]!.GetValue<string>();
            var schema = values.Resolve(parameter["schema"]!);
            var repeats = schema["type"]?.GetValue<string>() == "array" ? values.Random.Next(1, 4) : values.Chance(0.05) ? 2 : 1;
            for (var r = 0; r < repeats; r++)
            {
                var valueSchema = schema["items"] ?? schema;
                query.Add($"{name}={Uri.EscapeDataString(values.Text(valueSchema, name, valid: values.Chance(0.7))).Replace("%25ED%25A0%2580", "%ED%A0%80", StringComparison.Ordinal)}");
            }
        }

        if (values.Chance(0.1))
        {
            var unknown = values.HostileString();
            query.Add(Uri.EscapeDataString(unknown[..Math.Min(50, unknown.Length)]) is { Length: > 0 } name ? $"{name}=1" : "x=1");
        }

        var url = path + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        if (parameters.Any(p => p["name"]!.GetValue<string>() == "If-Match"))
        {
            var etagUrl = string.Join('/', url.Split('?')[0].Split('/').Take(4));
            var ifMatch = values.Random.Next(10) switch
            {
                < 5 => (await admin.GetAsync(etagUrl)).Headers.ETag?.ToString(),
                5 => null,
                6 => "*",
                7 => "\"stale-0-0\"",
                _ => values.HostileString().Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal),
            };
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }
        }

        var mediaTypes = operation.Operation["requestBody"]?["content"]?.AsObject();
        if (mediaTypes is { Count: > 0 } || values.Chance(0.05))
        {
            request.Content = Body(values, mediaTypes);
        }

        if (values.Chance(0.1))
        {
            request.Headers.TryAddWithoutValidation("Accept", values.Pick(["application/xml", "text/html", "*/*", "application/json;q=0", "garbage///"]));
        }

        return request;
    }

    private static HttpContent Body(HostileValues values, JsonObject? mediaTypes)
    {
        var (mediaType, schema) = mediaTypes is { Count: > 0 }
            ? mediaTypes.Select(m => (m.Key, m.Value!["schema"])).First()
            : ("application/json", null);
        string text;
        switch (values.Random.Next(20))
        {
            case 0 or 1:
                text = values.MalformedJson();
                break;
            case 2:
                var bytes = new ByteArrayContent([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0xC0, 0x22, 0x7D]);
                bytes.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                return bytes;
            case 3:
                var wrong = new StringContent(HostileValues.FinishJson(schema is null ? new JsonObject() : values.Valid(schema)));
                wrong.Headers.ContentType = values.Chance(0.8) ? new MediaTypeHeaderValue(values.Pick(["text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded", "application/json-patch+json"])) : null;
                return wrong;
            case 4:
                text = HostileValues.FinishJson(schema is null ? null : values.Hostile(schema));
                break;
            default:
                var body = schema is null ? new JsonObject() : values.Valid(schema);
                if (body is JsonObject obj && schema is not null)
                {
                    foreach (var (property, propertySchema) in values.Resolve(schema)["properties"]?.AsObject().ToList() ?? [])
                    {
                        if (values.Chance(0.25))
                        {
                            obj[property] = values.Hostile(propertySchema!);
                        }
                    }

                    if (values.Chance(0.2))
                    {
                        obj[values.Pick(["unknownField", "id", "createdAt", "version", "__proto__", "constructor", "secret"])] = values.Hostile(new JsonObject());
                    }
                }

                text = HostileValues.FinishJson(body);
                break;
        }

        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = values.Chance(0.1) ? values.Pick(["latin1", "utf-16", "bogus"]) : "utf-8" };
        return content;
    }

    /// <summary>A value of a path parameter that names something that exists (most of the time), read from the database.</summary>
    private string ExistingValue(HostileValues values, SpecOperation operation, string name, string pathSoFar)
    {
        var area = operation.PathTemplate.Split('/')[2];
        var sql = (area, name) switch
        {
            ("articles", "slug") => "SELECT slug FROM articles ORDER BY random() LIMIT 1",
            ("tags", "slug") => "SELECT slug FROM tags ORDER BY random() LIMIT 1",
            ("articles", "number") when long.TryParse(pathSoFar.Split('/')[3], CultureInfo.InvariantCulture, out var articleId) =>
                $"SELECT number FROM article_revisions WHERE article_id = {articleId.ToString(CultureInfo.InvariantCulture)} ORDER BY random() LIMIT 1",
            ("webhooks", "deliveryId") => "SELECT id FROM webhook_deliveries ORDER BY random() LIMIT 1",
            ("articles", _) => "SELECT id FROM articles ORDER BY random() LIMIT 1",
            ("tags", _) => "SELECT id FROM tags ORDER BY random() LIMIT 1",
            ("quotes", _) => "SELECT id FROM quotes ORDER BY random() LIMIT 1",
            ("links", _) => "SELECT id FROM links ORDER BY random() LIMIT 1",
            // The keys the test signs in with are not revoked under it.
            ("keys", _) => "SELECT id FROM api_keys WHERE name NOT LIKE 'Hostile %' ORDER BY random() LIMIT 1",
            ("webhooks", _) => "SELECT id FROM webhooks ORDER BY random() LIMIT 1",
            _ => null,
        };

        if (sql is not null)
        {
            using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (command.ExecuteScalar() is { } value and not DBNull)
            {
                return Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }
        }

        return values.Random.Next(1, 20).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A hash of everything stored: every row of every table, in rowid order. <c>api_keys.last_used_at</c> is left out:
    /// a request with a valid key records the key's use whatever it answers.
    /// </summary>
    private string Snapshot()
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            hash.AppendData(Encoding.UTF8.GetBytes($"#{table}"));
            while (reader.Read())
            {
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    if (table == "api_keys" && reader.GetName(c) == "last_used_at")
                    {
                        continue;
                    }

                    hash.AppendData(Encoding.UTF8.GetBytes($"|{Convert.ToString(reader.GetValue(c), CultureInfo.InvariantCulture)}"));
                }
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + $"…({text.Length} chars)" : text;
}
