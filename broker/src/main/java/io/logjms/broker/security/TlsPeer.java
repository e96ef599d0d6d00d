package io.logjms.broker.security;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The identity a TLS client proved with its certificate. Stateless. */
public final class TlsPeer {
    private TlsPeer() {
    }

    /** The subject CN of the client's verified certificate; empty without TLS or without a certificate. */
    public static Optional<String> commonName(Channel channel) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return Optional.empty();
        }
        try {
            String subject = tls.engine().getSession().getPeerPrincipal().getName();
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
            return Optional.empty();
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return Optional.empty();
        }
    }
}
