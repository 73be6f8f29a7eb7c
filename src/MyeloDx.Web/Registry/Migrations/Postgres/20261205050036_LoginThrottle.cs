using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MyeloDx.Web.Registry.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LoginThrottle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "login_throttle",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    WindowStartMs = table.Column<long>(type: "bigint", nullable: false),
                    LockedUntilMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_login_throttle", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_login_throttle_WindowStartMs",
                table: "login_throttle",
                column: "WindowStartMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "login_throttle");
        }
    }
}
