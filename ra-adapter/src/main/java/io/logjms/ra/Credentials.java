package io.logjms.ra;

import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.security.PasswordCredential;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * The user and password a physical connection is opened with. Also the {@link ConnectionRequestInfo} of
 * {@code createConnection(user, password)}: the container matches pooled connections by it.
 */
final class Credentials implements ConnectionRequestInfo {
    static final Credentials NONE = new Credentials(null, null);

    final String user;
    final String password;

    Credentials(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /**
     * Who a new connection is for: the container's sign-on ({@code subject}) first, then what the
     * application passed ({@code request}), then the factory's own {@code user} and {@code password}.
     */
    static Credentials resolve(ManagedConnectionFactory mcf, Subject subject, ConnectionRequestInfo request,
            String defaultUser, String defaultPassword) {
        if (subject != null) {
            Set<PasswordCredential> credentials = subject.getPrivateCredentials(PasswordCredential.class);
            for (PasswordCredential credential : credentials) {
                if (mcf.equals(credential.getManagedConnectionFactory())) {
                    return new Credentials(credential.getUserName(), new String(credential.getPassword()));
                }
            }
        }
        if (request instanceof Credentials given && given.user != null) {
            return given;
        }
        return new Credentials(defaultUser, defaultPassword);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials other && Objects.equals(user, other.user)
                && Objects.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, password);
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=" + (password == null ? null : "****") + "]";
    }
}
