package io.logjms.ra.wildfly.app;

import jakarta.ejb.EJB;
import jakarta.jms.JMSException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The test's way in: {@code POST /send?queue=q&text=t&outcome=commit|rollback|fail|none|context-commit|context-rollback|xa-commit|xa-rollback} runs
 * {@link SenderBean} and answers with what happened.
 */
@WebServlet("/send")
public class SendServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private SenderBean sender;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String queue = request.getParameter("queue");
        String text = request.getParameter("text");
        String outcome = request.getParameter("outcome");
        String result;
        try {
            switch (outcome) {
                case "commit" -> sender.send(queue, text, false);
                case "rollback" -> sender.send(queue, text, true);
                case "none" -> sender.sendWithoutTransaction(queue, text);
                case "context-commit" -> sender.sendWithInjectedContext(queue, text, false);
                case "context-rollback" -> sender.sendWithInjectedContext(queue, text, true);
                case "fail" -> sender.sendAndFail(queue, text);
                case "xa-commit" -> sender.sendBesideASecondResource(queue, text, false);
                case "xa-rollback" -> sender.sendBesideASecondResource(queue, text, true);
                default -> throw new IllegalArgumentException("unknown outcome " + outcome);
            }
            result = "done";
        } catch (Exception e) {
            result = "failed: " + e;
        }
        response.setContentType("text/plain");
        response.getWriter().print(result);
    }
}
