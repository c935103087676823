//! Acknowledgement texts: the first answer to a complaint, in the buyer's language.

use super::*;

/// A short acknowledgement the rep can copy as step 1's reply, in the BUYER's language (BCP 47 tag: match the primary subtag
/// en, es, fr, de, pt, ru, ja, it, zh; anything else -> English) adapted to the temperament (emotional: empathy + promise of a solution;
/// stubborn: understanding + will explain options; prepared: careful, factual wording, no loose commitments).
pub fn acknowledgement(
    temperament: Temperament,
    buyer_language: &str,
    buyer_name: &str,
    order_ref: &str,
) -> String {
    let name = buyer_name.trim();
    let order_ref = order_ref.trim();
    let primary = buyer_language
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let order_mention = |prefix: &str, suffix: &str| {
        if order_ref.is_empty() {
            String::new()
        } else {
            format!("{prefix}{order_ref}{suffix}")
        }
    };
    use Temperament::*;
    let (greeting, body) = match primary.as_str() {
        "es" => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Hola, ", ":", "Hola:");
            let body = match temperament {
                Emotional => format!("Lamento sinceramente lo ocurrido con su pedido{order} y entiendo perfectamente lo frustrante que resulta. Gracias por contarnos todo con detalle. Me encargo personalmente de su caso y le propondré una solución que le resulte satisfactoria."),
                Stubborn => format!("Gracias por explicarnos lo sucedido con su pedido{order}; entiendo su punto de vista. Voy a revisarlo con atención y después le explicaré con calma las opciones que podemos ofrecerle y cómo funciona cada una."),
                Prepared => format!("Gracias por su mensaje sobre su pedido{order}. Hemos registrado los datos que nos ha facilitado y los estamos revisando cuidadosamente junto con el historial del pedido. Le escribiremos con el resultado de la revisión y las opciones disponibles en cuanto esta concluya."),
            };
            (greeting, body)
        }
        "fr" => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Bonjour ", ",", "Bonjour,");
            let body = match temperament {
                Emotional => format!("Nous sommes sincèrement désolés pour ce qui s'est passé avec votre commande{order} et comprenons tout à fait votre frustration. Merci de nous avoir tout expliqué en détail. Je m'occupe personnellement de votre dossier et reviens vers vous avec une solution qui vous donnera satisfaction."),
                Stubborn => format!("Merci de nous avoir expliqué la situation concernant votre commande{order} ; je comprends votre point de vue. Je vais examiner votre demande attentivement, puis je vous présenterai calmement les options possibles et leur déroulement."),
                Prepared => format!("Nous vous remercions de votre message concernant votre commande{order}. Les informations que vous nous avez transmises ont été enregistrées et sont examinées attentivement au regard des données de la commande. Nous vous communiquerons par écrit nos conclusions et les options disponibles à l'issue de cet examen."),
            };
            (greeting, body)
        }
        "de" => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Guten Tag ", ",", "Guten Tag,");
            let body = match temperament {
                Emotional => format!("es tut uns aufrichtig leid, was bei Ihrer Bestellung{order} schiefgelaufen ist, und wir verstehen gut, wie ärgerlich das für Sie ist. Vielen Dank, dass Sie uns alles so genau geschildert haben. Ich kümmere mich persönlich darum und melde mich mit einer Lösung bei Ihnen, mit der Sie zufrieden sein werden."),
                Stubborn => format!("danke, dass Sie uns die Situation bei Ihrer Bestellung{order} erklärt haben; ich kann Ihre Sichtweise gut nachvollziehen. Ich prüfe den Fall sorgfältig und erläutere Ihnen anschließend in Ruhe, welche Möglichkeiten wir Ihnen anbieten können und wie sie jeweils ablaufen."),
                Prepared => format!("vielen Dank für Ihre Nachricht zu Ihrer Bestellung{order}. Wir haben Ihre Angaben aufgenommen und prüfen sie sorgfältig anhand der Bestelldaten. Sobald die Prüfung abgeschlossen ist, informieren wir Sie schriftlich über das Ergebnis und die möglichen Optionen."),
            };
            (greeting, body)
        }
        "pt" => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Olá, ", ".", "Olá.");
            let body = match temperament {
                Emotional => format!("Lamentamos sinceramente o que aconteceu com o seu pedido{order} e entendemos perfeitamente a sua frustração. Obrigado por nos contar tudo em detalhe. Vou cuidar pessoalmente do seu caso e retornarei com uma solução que atenda às suas expectativas."),
                Stubborn => format!("Obrigado por explicar a situação do seu pedido{order}; entendo o seu ponto de vista. Vou analisar o caso com atenção e, em seguida, explicarei com calma as opções que podemos oferecer e como cada uma funciona."),
                Prepared => format!("Agradecemos a sua mensagem sobre o seu pedido{order}. Registramos as informações fornecidas e estamos analisando-as cuidadosamente junto com os dados do pedido. Assim que a análise for concluída, informaremos por escrito o resultado e as opções disponíveis."),
            };
            (greeting, body)
        }
        "ru" => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Здравствуйте, ", "!", "Здравствуйте!");
            let body = match temperament {
                Emotional => format!("Нам искренне жаль, что так вышло с вашим заказом{order}, и мы прекрасно понимаем ваше недовольство. Спасибо, что подробно всё рассказали. Я лично займусь вашим вопросом и вернусь к вам с решением, которое вас устроит."),
                Stubborn => format!("Спасибо, что объяснили ситуацию с заказом{order}; я понимаю вашу точку зрения. Я внимательно всё проверю, а затем спокойно расскажу, какие варианты мы можем предложить и как работает каждый из них."),
                Prepared => format!("Благодарим вас за обращение по заказу{order}. Мы зафиксировали предоставленные вами сведения и тщательно сверяем их с данными заказа. По завершении проверки мы письменно сообщим вам её результаты и доступные варианты."),
            };
            (greeting, body)
        }
        "zh" => {
            // Full-width marks and no spaces around the order number, as a Chinese
            // buyer would write it; the name takes 您好 after it (张三，您好：).
            let order = order_mention("（订单号：", "）");
            let greeting = salute(name, "", "，您好：", "您好：");
            let body = match temperament {
                Emotional => format!("您的订单{order}给您带来了这么多不便，我们真的非常抱歉，也完全理解您现在的心情。感谢您把情况详细告诉我们。您的问题由我亲自跟进，我会尽快给您一个满意的解决方案。"),
                Stubborn => format!("感谢您说明订单{order}的情况，我理解您的想法。我会先仔细核实，然后把我们能提供的几种处理方式和各自的流程一一向您说明，供您选择。"),
                Prepared => format!("感谢您就订单{order}与我们联系。您提供的信息我们已经记录，正在与订单记录逐项核对。核对完成后，我们会以书面形式告知您结果以及可选的处理方式。"),
            };
            (greeting, body)
        }
        "ja" => {
            let order = order_mention("（注文番号：", "）");
            let greeting = salute(name, "", "様", "お客様");
            let body = match temperament {
                Emotional => format!("この度はご注文{order}の件で大変ご不快な思いをおかけし、誠に申し訳ございません。詳しくお知らせいただき、ありがとうございます。責任を持って対応し、ご満足いただける解決策をご提案いたします。"),
                Stubborn => format!("ご注文{order}の件について詳しくご説明いただき、ありがとうございます。お客様のお考えはよく理解しております。内容を丁寧に確認したうえで、ご提案できる対応方法とそれぞれの流れを改めてご説明いたします。"),
                Prepared => format!("ご注文{order}に関するお問い合わせをいただき、ありがとうございます。いただいた内容は記録のうえ、注文情報と照らし合わせて慎重に確認しております。確認が完了しましたら、結果と可能な対応方法について書面でご連絡いたします。"),
            };
            (greeting, body)
        }
        "it" => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Gentile ", ",", "Gentile cliente,");
            let body = match temperament {
                Emotional => format!("ci dispiace sinceramente per quanto accaduto con il suo ordine{order} e comprendiamo bene la sua frustrazione. Grazie per averci raccontato tutto nei dettagli. Mi occupo personalmente del suo caso e le proporrò una soluzione che la soddisfi."),
                Stubborn => format!("grazie per averci spiegato la situazione relativa al suo ordine{order}; comprendo il suo punto di vista. Esaminerò il caso con attenzione e poi le illustrerò con calma le opzioni che possiamo offrirle e come funziona ciascuna."),
                Prepared => format!("la ringraziamo per il suo messaggio riguardante l'ordine{order}. Abbiamo registrato le informazioni fornite e le stiamo verificando attentamente con i dati dell'ordine. Al termine della verifica le comunicheremo per iscritto l'esito e le opzioni disponibili."),
            };
            (greeting, body)
        }
        _ => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Dear ", ",", "Hello,");
            let body = match temperament {
                Emotional => format!("I am truly sorry about what happened with your order{order}, and I completely understand how frustrating this must be. Thank you for telling us everything in detail. I am personally taking care of this and will come back to you with a solution you are happy with."),
                Stubborn => format!("Thank you for explaining the situation with your order{order}; I understand why you see it this way. I will look into it carefully and then walk you through the options we can offer and how each of them would work for you."),
                Prepared => format!("Thank you for your message regarding your order{order}. We have recorded the details you provided and are reviewing them carefully against the order records. Once the review is complete, we will write to you with our findings and the options available."),
            };
            (greeting, body)
        }
    };
    format!("{greeting}\n{body}")
}

/// The greeting line, with a polite fallback when the buyer's name is unknown.
fn salute(name: &str, before: &str, after: &str, without_name: &str) -> String {
    if name.is_empty() {
        without_name.to_owned()
    } else {
        format!("{before}{name}{after}")
    }
}
