namespace MyeloDx.Web.Security;

/// <summary>Checks a password against a stored hash. A seam so that tests can count the hashing work of each sign-in path.</summary>
internal interface IPasswordVerifier
{
    bool Verify(string password, string storedHash);
}

/// <summary>PBKDF2-SHA256 as <see cref="Secrets"/> stores it.</summary>
internal sealed class Pbkdf2PasswordVerifier : IPasswordVerifier
{
    public bool Verify(string password, string storedHash) => Secrets.VerifyPassword(password, storedHash);
}
