## AI Photos (src/core/photos.ts): collecting a set, training a model, and its refusals.

photos-refused-not-a-photo = não é uma foto JPEG, PNG ou WebP
photos-refused-unreadable = não pôde ser lida como imagem
photos-refused-too-small = é pequena demais ({ $size }; pelo menos { $min } px de cada lado)
photos-refused-too-large = é grande demais ({ $size }; no máximo { $max } megapixels)
photos-refused-full = não foi adicionada: o conjunto está cheio ({ $max } fotos)
photos-refused-duplicate = é repetida de uma foto que já está no conjunto
photos-refused-larger-than = tem mais de { $megabytes } MB
photos-refused-download = não pôde ser baixada; envie de novo
photos-refused-closed = não foi adicionada: o conjunto não está mais aberto

error-set-open = Você já tem um conjunto de fotos aberto aqui com { $count ->
        [one] { $count } foto
       *[other] { $count } fotos
    }. Envie mais, use /photos train, ou /photos cancel para recomeçar.
error-no-set = Você não tem nenhum conjunto de fotos aberto aqui. Comece um com /photos new.
error-no-set-to-train = Você não tem nenhum conjunto de fotos para treinar aqui. Comece um com /photos new e envie { $min }–{ $max } fotos.
error-too-few-photos = Seu conjunto tem { $count ->
        [one] { $count } foto
       *[other] { $count } fotos
    }; o treinamento precisa de pelo menos { $min }. Envie mais { $missing }.
error-name-taken = Você já tem um modelo chamado “{ $name }”. Escolha outro nome: /photos train <nome>.
error-insufficient-credits-training = Treinar { $count } fotos custa { $total ->
        [one] { $total } crédito
       *[other] { $total } créditos
    } ({ $prepare } para preparar + { $perPhoto } por foto), mas { $wallet ->
        [user] sua carteira pessoal
        [guild] a carteira deste servidor
       *[group] a carteira deste grupo
    } tem { $balance }.
error-daily-cap-training = Treinar { $count } fotos custa { $total ->
        [one] { $total } crédito
       *[other] { $total } créditos
    }, mas restam { $room } dos seus créditos diários aqui. O limite é renovado às { $resetsAt } UTC.
error-set-changed = Chegou uma foto bem quando o treinamento começava, então nada foi cobrado: seu conjunto agora tem { $count ->
        [one] { $count } foto
       *[other] { $count } fotos
    }. Envie /photos train de novo para treinar todas.
error-no-set-closed = Esse conjunto de fotos não está mais aberto.
error-photos-gone = As fotos deste conjunto não estão mais aqui; comece de novo com /photos new.
photos-service-unreachable = não foi possível falar com o serviço de imagens.
photos-training-not-started = O treinamento de { $name } não começou: { $reason } Nada foi cobrado por ele. Suas fotos estão preparadas; use /photos train para tentar de novo.
error-prepared-expired = As fotos preparadas desse conjunto expiraram. Comece de novo com /photos new.
error-busy-training = “{ $name }” já está em treinamento.
photos-discarded = { $name } foi excluído enquanto { $stage ->
        [preparing] era preparado
       *[training] era treinado
    }, então o resultado foi descartado.
photos-ready = Seu modelo { $name } está pronto, { $user }.
photos-ready-how = Crie fotos com /photos generate e um prompt como “a portrait in a linen suit, golden hour light”.
photos-ready-trigger = (A palavra-gatilho { $trigger } é adicionada aos seus prompts automaticamente.)
error-no-model = Você ainda não tem nenhum modelo treinado. Comece um com /photos new, envie { $min }–{ $max } fotos e depois use /photos train.
error-unknown-model = Não há nenhum modelo chamado “{ $name }” aqui. Seus modelos: { $names }.
error-not-ready = “{ $name }” ainda está { $stage ->
        [preparing] sendo preparado
       *[training] em treinamento
    }{ $percent ->
        [0] {""}
       *[other] {" "}({ $percent }%)
    }. Aviso aqui quando estiver pronto.
error-model-failed = O treinamento de “{ $name }” falhou. Comece de novo com /photos new.
error-model-gone = O modelo com que estas fotos foram feitas não existe mais (foi excluído), então não dá para criar fotos novas com ele.
error-model-private = Só { $owner } pode criar fotos novas de “{ $name }”: ele não está compartilhado neste chat.
error-not-group = Compartilhe um modelo de dentro do grupo que vai usá-lo.
error-not-ready-share = “{ $name }” ainda não está pronto.
error-unknown-model-own = Você não tem nenhum modelo chamado “{ $name }”. Veja /photos list.
error-no-set-to-cancel = Você não tem nenhum conjunto de fotos aberto ou em treinamento aqui.

## /photos list; the emoji and bullet are added before.

photos-list-open-set = Conjunto aberto: { $count } de { $max } fotos ({ $gender }, { $ethnicity }); expira em { $hours } h.
photos-list-model = { $name } — { $state ->
        [ready] pronto
        [training] em treinamento{ $percent ->
            [0] {""}
           *[other] {" "}{ $percent }%
        }
        [prepared] preparado, aguardando /photos train
        [preparing] em preparação
       *[failed] falhou
    } ({ $owner ->
        [own] seu
        [shared] seu, compartilhado aqui
       *[other] compartilhado por { $ownerName }
    })
photos-list-empty = Ainda não há conjuntos de fotos nem modelos aqui. Comece com /photos new.

# The subject of a photo set, as /photos new was told (gender, then ethnicity).
photos-gender = { $gender ->
    [male] homem
   *[female] mulher
}
photos-ethnicity = { $ethnicity ->
    [asian] asiática
    [black] negra
    [latino] latina
    [middle-eastern] do Oriente Médio
    [native-american] indígena americana
    [pacific-islander] das ilhas do Pacífico
   *[white] branca
}
