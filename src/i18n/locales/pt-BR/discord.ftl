## Discord: o que o adaptador diz por conta própria.

dc-unknown-command = Não conheço esse comando (ou ele não existe mais). Digite / para ver o que eu sei fazer.
dc-not-mine = Este botão não é meu.
dc-file-too-large = { $caption }: é maior do que o Discord me deixa enviar aqui, então aqui está o link: { $url }

dc-photo-hint-use = envie { $command } com ela anexada
