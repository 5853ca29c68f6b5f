namespace Headless.Api.Common.Database;

public static class DatabaseSetup
{
    public const string DefaultConnectionString = "Data Source=data/headless.db";

    /// <summary>Registers the database: <c>ConnectionStrings:Headless</c>, default <c>data/headless.db</c> under the working directory.</summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        UtcInstant.RegisterDapperHandler();
        // Columns are snake_case, row properties PascalCase.
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        var connectionString = configuration.GetConnectionString("Headless");
        services.AddSingleton(new Db(string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString));
        services.AddSingleton<Migrator>();
        return services;
    }
}
