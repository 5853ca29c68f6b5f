# Build: restore from the lock file, publish Release.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Headless.Api/Headless.Api.csproj src/Headless.Api/packages.lock.json src/Headless.Api/
RUN dotnet restore src/Headless.Api/Headless.Api.csproj --locked-mode
COPY src/ src/
RUN dotnet publish src/Headless.Api/Headless.Api.csproj -c Release -o /app --no-restore

# Run: ASP.NET runtime only, as the image's non-root "app" user, database in the /data volume.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data \
    && chown app:app /data
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ConnectionStrings__Headless="Data Source=/data/headless.db"
USER app
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD curl --fail --silent http://localhost:8080/health/live || exit 1
ENTRYPOINT ["dotnet", "Headless.Api.dll"]
