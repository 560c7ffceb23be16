package io.jgrad.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.Functional;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The normalisation, embedding, attention and loss functions of {@code nn.Functional} against values
 * printed by PyTorch 2.13 (CPU, float64 default) running {@code src/test/python/nn_functional_reference.py};
 * each expected array names the line of that script which printed it. Inputs are the script's
 * {@code v(*shape, a, b, scale)}: {@code ((i·a) mod b − ⌊b/2⌋) / scale} for the flat index {@code i},
 * exact in both languages. Gradients are those of {@code Σ out·u} with
 * {@code u = v(*out.shape, a=29, b=7, scale=2) + 0.25}.
 */
class NnPyTorchTest {

    private static final double TOL = 1e-12;

    @Test
    void layerNormMatchesPyTorch() {
        Tensor x = v(37, 11, 4, 2, 4).requiresGrad(true);
        Tensor w = v(5, 7, 4, 4).add(1).detach().requiresGrad(true);
        Tensor b = v(3, 5, 4, 4).requiresGrad(true);
        Tensor y = Functional.layerNorm(x, new int[] {4}, w, b, 1e-5);
        // show("layerNorm", F.layer_norm(x, (4,), w, b, 1e-5))
        close(y,
                -0.7610441261829775, 0.6114457131764304, 1.2761041223004839, 0.13855428682356963,
                -0.5499993600122878, 2.3499731205160854, -1.6499820803440568, 0.5999987200245754);
        backward(y);
        close(x.grad(),
                -0.03938102352076778, -0.9115173922351753, 0.38502051810899934, 0.565877897646944,
                -0.9739875586383822, 1.7179781892153254, 1.5319802115833776, -2.275970842160321);
        close(w.grad(), 1.1552225508780243, 1.5692547438418556, -2.8314946711772206, -0.4307196566496539);
        close(b.grad(), -0.5, 0.5, 1.5, -1.0);

        Tensor x2 = v(37, 11, 4, 2, 2, 3).requiresGrad(true);
        Tensor y2 = Functional.layerNorm(x2, new int[] {2, 3}, null, null, 1e-5);
        // show("layerNorm2d", F.layer_norm(x, (2, 3), None, None, 1e-5)), x = v(2, 2, 3)
        close(y2,
                -1.3619598544864238, -0.1513288727207138, 1.059302109044996, -1.059302109044996,
                0.1513288727207137, 1.3619598544864238, -0.7960240775611301, 0.398012038780565, 1.59204815512226,
                -0.49751504847570627, 0.6965210678659887, -1.3930421357319775);
        backward(y2);
        close(x2.grad(),
                -0.6607767329715817, -0.8132496814092207, -0.9657226298468596, 0.9657226298468596,
                0.8132496814092208, 0.6607767329715818, 1.3831990048721832, -1.2886175606069392,
                0.2186922811098711, -0.7773002819247161, 0.7300095597920941, -0.2659830032424932);
    }

    @Test
    void batchNormInTrainingAndItsRunningStatisticsOverThreeStepsMatchPyTorch() {
        Tensor x = v(37, 11, 4, 3, 2, 2).requiresGrad(true);
        Tensor w = v(5, 7, 4, 2).add(1).detach().requiresGrad(true);
        Tensor b = v(3, 5, 4, 2).requiresGrad(true);
        Tensor rm = Tensor.zeros(2);
        Tensor rv = Tensor.ones(2);
        int version = rm.array().version();
        Tensor y = Functional.batchNorm(x, rm, rv, w, b, true, 0.1, 1e-5);
        // show("batchNorm", F.batch_norm(x, rm, rv, w, b, training=True, momentum=0.1, eps=1e-5))
        close(y,
                -0.8759276713521392, -0.5848868935311282, 2.1797865921264568, -1.1973399440948427,
                -0.5121266990758755, -0.22108592125486448, -0.7148932960632284, 1.2148932960632284,
                -0.14832572679961173, -0.6576470879863809, 1.6973399440948427, -1.6797865921264568);
        assertThat(rm.array().version()).as("the update bumps the version").isGreaterThan(version);
        // show("batchNorm runningMean 1", rm), show("batchNorm runningVar 1", rv)
        close(rm, 0.004166666666666667, -0.025);
        close(rv, 0.9885416666666667, 0.9725);
        backward(y);
        close(x.grad(),
                -0.12600610216087335, -0.12703131878215257, 0.36597198073664344, -0.9981489575999039,
                0.2728934465664178, 0.2718682299451386, 2.229247249789749, -2.229247249789749, -0.3468497270798296,
                0.055125471511299116, 0.9981489575999039, -0.36597198073664344);
        close(w.grad(), 2.595113602237348, -3.2163109868774282);
        close(b.grad(), -1.0, 1.5);

        // F.batch_norm(v(3, 2, 2, a=7 + step, b=13), rm, rv, w, b, training=True, momentum=0.1, eps=1e-5)
        Functional.batchNorm(v(9, 13, 4, 3, 2, 2), rm, rv, w, b, true, 0.1, 1e-5);
        close(rm, -0.00041666666666666675, -0.010000000000000002);
        close(rv, 0.9782291666666667, 1.007125);
        Functional.batchNorm(v(10, 13, 4, 3, 2, 2), rm, rv, w, b, true, 0.1, 1e-5);
        close(rm, -0.00037500000000000006, 0.003499999999999998);
        close(rv, 1.07290625, 0.9282875);

        // evaluation with the running statistics of step 3, (N, C, H, W)
        Tensor xe = v(37, 11, 4, 2, 2, 1, 3).requiresGrad(true);
        w.zeroGrad();
        b.zeroGrad();
        Tensor ye = Functional.batchNorm(xe, rm, rv, w, b, false, 0.1, 1e-5);
        // show("batchNormEval", F.batch_norm(x, rm, rv, w, b, training=False, momentum=0.1, eps=1e-5))
        close(ye,
                -0.8016037953062682, -0.5602483524283903, -0.3188929095505123, -1.3123022040382932,
                0.24455101373778373, 1.8014042315138608, -0.6809260738673293, -0.4395706309894513,
                -0.1982151881115733, -0.5338755951502547, 1.0229776226258223, -1.7015155084823126);
        backward(ye);
        close(xe.grad(),
                -0.3016943035973475, -0.1810165821584085, -0.0603388607194695, 0.38921330444401925,
                1.1676399133320579, 1.9460665222200961, 0.4223720250362865, -0.3016943035973475,
                -0.1810165821584085, -0.38921330444401925, 0.38921330444401925, 1.1676399133320579);
        close(w.grad(), -0.966326854422304, 0.31344644784558334);
        close(b.grad(), -2.5, 3.0);
    }

    @Test
    void batchNormOfRowsWithoutAffineMatchesPyTorch() {
        Tensor x = v(37, 11, 4, 4, 3).requiresGrad(true);
        Tensor rm = Tensor.full(0.5, 3);
        Tensor rv = Tensor.full(2.0, 3);
        Tensor y = Functional.batchNorm(x, rm, rv, null, null, true, 0.3, 1e-3);
        // show("batchNorm2", F.batch_norm(x, rm, rv, None, None, training=True, momentum=0.3, eps=1e-3))
        close(y,
                -1.333135846354048, -1.3331358463540477, 0.3154363825561738, -0.4443786154513494,
                -0.44437861545134927, 0.5677854886011129, 0.44437861545134916, 0.44437861545134927,
                0.8201345946460519, 1.3331358463540477, 1.3331358463540477, -1.7033564658033384);
        close(rm, 0.08749999999999997, 0.38749999999999996, 0.48124999999999996);
        close(rv, 1.43125, 1.43125, 1.7921874999999998);
        backward(y);
        close(x.grad(),
                -2.5188475074872687, -1.2509995145881585, -0.40426315539672886, 1.2341510362772072,
                3.73053390601654, 1.1901795262274248, 4.987149580041683, -3.73053390601654, -0.7482652767775682,
                -3.7024531088316213, 1.2509995145881585, -0.037651094053127845);
    }

    @Test
    void embeddingMatchesPyTorch() {
        Tensor w = v(37, 11, 4, 4, 3).requiresGrad(true);
        Tensor y = Functional.embedding(Tensor.fromArray(new long[] {1, 3, 1, 1}, 2, 2), w);
        // show("embedding", F.embedding(torch.tensor([[1, 3], [1, 1]]), wt))
        close(y, -1.0, 0.0, 1.0, -0.5, 0.5, -1.25, -1.0, 0.0, 1.0, -1.0, 0.0, 1.0);
        backward(y);
        close(w.grad(), 0.0, 0.0, 0.0, 0.25, -1.75, -0.25, 0.0, 0.0, 0.0, 0.25, 0.75, 1.25);
    }

    @Test
    void attentionMatchesPyTorch() {
        Tensor q = v(37, 11, 4, 2, 3, 4).requiresGrad(true);
        Tensor k = v(13, 9, 4, 2, 5, 4).requiresGrad(true);
        Tensor vv = v(7, 5, 4, 2, 5, 2).requiresGrad(true);
        Tensor y = Functional.scaledDotProductAttention(q, k, vv, null, false);
        // show("attention", F.scaled_dot_product_attention(q, k, vv))
        close(y,
                -0.16310627408691147, 0.0035747224760370178, -0.05120578085780156, 0.156769685544918,
                0.2282303464134239, -0.15135598475333903, 0.05148805154477717, 0.023250064877010625,
                -0.02928417495637245, -0.058404109964883086, 0.05232801813301784, 0.059103015887049165);
        backward(y);
        close(q.grad(),
                -0.13097396224964974, 0.010442082094747578, 0.09190760784320619, -0.0034797667878582717,
                -0.02929039661375838, 0.03365387961036718, -0.019266773273974778, -0.00027202911276723367,
                0.02394878652377952, 0.03811170322044815, -0.031673018732000714, -0.027248419191952297,
                0.0960367557985907, 0.05674364089154161, -0.02047448847547772, 0.05674364089154161,
                0.03506457293458955, -0.004028535773424587, 0.04741916261892422, -0.00402853577342459,
                -0.04705670704442475, -0.00986549054509713, -0.03680796966220979, -0.00986549054509713);
        close(k.grad(),
                -0.15472409741590898, -0.007949274024684561, 0.05859224774973962, -0.06704373675030433,
                0.09927300065417961, -0.010108187330404082, -0.02144811916121527, 0.0249969317519462,
                -0.02857681862766366, 0.0009931620905410114, -0.007856451700357248, 0.038729122096587916,
                0.06927945851840721, 0.007321002171316545, -0.01922317717082746, 0.0014598520588049771,
                0.014748456870985848, 0.009743297093231093, -0.010064499717339654, 0.0018578308429652644,
                0.06823805769239698, -0.07924669975694784, 0.07158436810688613, 0.06712262088756724,
                -0.046964529589767774, 0.07104865371233111, -0.06404250904283548, -0.04127186977207854,
                -0.025458513522571613, 0.09936657830767164, -0.09610577932386402, -0.001909424922140804,
                -0.011974139940832814, -0.050490751472968345, 0.04110215582986521, -0.029666238531065495,
                0.016159125360775243, -0.0406777807900866, 0.04746176442994818, 0.005724912337717599);
        close(vv.grad(),
                -0.5109846852550891, -0.14697320330209246, 0.17515678938628915, 0.6003099442279,
                -0.03912890084273897, 0.13768989159608824, -0.15676906119584788, 0.10598195429208379,
                -0.2182741420926131, 0.052991413186020686, -0.027791146526119984, -0.13561768248201472,
                0.08833508621342101, -0.0938570471318396, 0.43237113456553944, -0.24426992519004775,
                0.5930582295181134, -0.18667871907486, 0.1640266962290461, -0.08957662612123768);

        // show("attentionCausal", F.scaled_dot_product_attention(q, k[:, :3], vv[:, :3], is_causal=True))
        close(Functional.scaledDotProductAttention(q, k.narrow(1, 0, 3), vv.narrow(1, 0, 3), null, true),

                -0.5, 0.0, -0.03120937337375629, -0.11719765665656093, 0.2944290041403191, -0.25, -0.5, 0.0,
                -0.10766316983289168, -0.09808420754177709, 0.17656190066558952, -0.33577566810506343);
        // show("attentionFloatMask", F.scaled_dot_product_attention(q, k, vv, attn_mask=v(3, 5, a=3, b=7)))
        close(Functional.scaledDotProductAttention(q, k, vv, v(3, 7, 4, 3, 5), false),
                -0.04393123744698509, -0.03379560156880301, -0.09003368951955959, 0.2127517661342987,
                0.33562469302942094, -0.17030283590455528, 0.11080303879429332, -0.1278991707158381,
                -0.00520750432503983, 0.02250564454928955, 0.0984188323794079, 0.12413762912574036);

        q.zeroGrad();
        k.zeroGrad();
        vv.zeroGrad();
        boolean[] m = new boolean[15];
        m[2] = true;
        for (int j = 5; j < 10; j++) {
            m[j] = true;
        }
        // row 2 may attend nowhere: zeros and no gradient, as PyTorch's safe softmax
        Tensor ym = Functional.scaledDotProductAttention(q, k, vv, Tensor.fromArray(m, 3, 5), false);
        // show("attentionBoolMask", F.scaled_dot_product_attention(q, k, vv, attn_mask=m))
        close(ym,
                0.25, -0.5, -0.05120578085780156, 0.156769685544918, 0.0, 0.0, 0.25, -0.5, -0.02928417495637245,
                -0.058404109964883086, 0.0, 0.0);
        backward(ym);
        close(q.grad(),
                0.0, 0.0, 0.0, 0.0, -0.02929039661375838, 0.03365387961036718, -0.019266773273974778,
                -0.00027202911276723367, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.03506457293458955,
                -0.004028535773424587, 0.04741916261892422, -0.00402853577342459, 0.0, 0.0, 0.0, 0.0);
        close(k.grad(),
                0.0, 0.004454943706570491, -0.003341207779927869, 0.0011137359266426227, 0.0,
                -0.012897052222662735, 0.009672789166997051, -0.0032242630556656836, 0.0, -0.015078181654726408,
                0.011308636241044806, -0.003769545413681602, 0.0, 0.01249419860320949, -0.009370648952407117,
                0.0031235496508023727, 0.0, 0.011026091567609156, -0.008269568675706867, 0.002756522891902289,
                0.052008367356373056, -0.039006275517279795, 0.013002091839093264, 0.06501045919546632,
                -0.03463365237503344, 0.02597523928127508, -0.00865841309375836, -0.043292065468791795,
                -0.011137722701280007, 0.008353292025960007, -0.002784430675320002, -0.013922153376600008,
                -0.011727921028652796, 0.008795940771489598, -0.002931980257163199, -0.014659901285815995,
                0.005490928748593188, -0.004118196561444892, 0.001372732187148297, 0.006863660935741485);
        close(vv.grad(),
                -0.03051074957088454, 0.03051074957088454, -0.02692564199183988, 0.02692564199183988,
                -1.2814792647276163, -0.7185207352723838, -0.08556951328233092, 0.08556951328233092,
                -0.07551483042732844, 0.07551483042732844, -0.2305091291065895, -0.07683637636886316,
                -0.1488278795358462, -0.0496092931786154, 1.5813559185307398, -1.3062146938230867,
                -0.10888480269141314, -0.036294934230471046, -0.0931341071968909, -0.031044702398963633);
    }

    @Test
    void crossEntropyMatchesPyTorch() {
        Tensor x = v(37, 11, 4, 4, 5).requiresGrad(true);
        Tensor y = Functional.crossEntropy(x, longs(1, -100, 4, 0), 0.2, -100);
        // show("crossEntropySmoothIgnore", F.cross_entropy(x, torch.tensor([1, -100, 4, 0]), label_smoothing=0.2))
        close(y, 2.1356487179853816);
        backward(y);
        close(x.grad(),
                -0.009568969401372366, 0.2786841472181848, -0.17718992003120207, -0.0170205568676651,
                -0.07490470091794522, 0.0, 0.0, 0.0, 0.0, 0.0, -0.11547020123822532, -0.006295277944356969,
                -0.04575037011556198, -0.1530004302047253, 0.32051627950286954, 0.30352304652213485,
                -0.10967079141435052, -0.0052874916295769896, -0.04301092288912586, -0.1455538405890815);
        // show("crossEntropy", F.cross_entropy(x, torch.tensor([1, 2, 4, 0])))
        close(Functional.crossEntropy(x, longs(1, 2, 4, 0)), 2.1263486080293528);
        // show("crossEntropyIgnoreClass", F.cross_entropy(x, torch.tensor([1, 2, 4, 2]), ignore_index=2))
        close(Functional.crossEntropy(x, longs(1, 2, 4, 2), 0.0, 2), 2.2068080889635233);
        // show("crossEntropyAllIgnored", F.cross_entropy(x, torch.tensor([-100] * 4), label_smoothing=0.1))
        assertThat(Functional.crossEntropy(x, longs(-100, -100, -100, -100), 0.1, -100).item()).isNaN();

        x.zeroGrad();
        Tensor p = v(3, 7, 4, 4, 5).softmax(1).detach().requiresGrad(true);
        Tensor yp = Functional.crossEntropy(x, p, 0.1, -100);
        // show("crossEntropyProbabilities", F.cross_entropy(x, p, label_smoothing=0.1)),
        // p = softmax(v(4, 5, a=3, b=7), 1)
        close(yp, 1.8431548504322195);
        backward(yp);
        close(x.grad(),
                0.008653304885710377, -0.0004934616094751836, -0.040186602219800055, 0.01738840066109199,
                0.01463835828247286, -0.06172324289289104, 0.05492949887061693, -0.016319170231858336,
                -0.06967660548065338, 0.09278951973478579, -0.04712877042544136, 0.0858259973266611,
                -0.004952983645694473, -0.04561438828892171, 0.01187014503339642, 0.017116165394828787,
                0.00829436222416595, 0.02539417521879427, 0.03687774219777786, -0.08768244503556684);
        close(p.grad(),
                -0.7777034718091257, -0.49645347180912575, -0.2152034718091257, -0.7073909718091257,
                -0.4261409718091257, -0.32300107823285623, -0.8151885782328563, -0.5339385782328563,
                -0.2526885782328563, -0.7448760782328563, -0.32300107823285623, -0.8151885782328563,
                -0.5339385782328563, -0.2526885782328563, -0.7448760782328563, -0.6168740557581835,
                -0.3356240557581835, -0.8278115557581835, -0.5465615557581834, -0.2653115557581835);
    }

    @Test
    void otherLossesMatchPyTorch() {
        // show("nllLoss", F.nll_loss(v(3, 4), torch.tensor([1, -100, 3])))
        close(Functional.nllLoss(v(37, 11, 4, 3, 4), longs(1, -100, 3)), 0.75);
        Tensor a = v(37, 11, 4, 2, 3);
        Tensor c = v(5, 7, 4, 2, 3);
        // show("mseLoss", F.mse_loss(a, c)), a = v(2, 3), c = v(2, 3, a=5, b=7)
        close(Functional.mseLoss(a, c), 0.4583333333333333);
        // show("l1Loss", F.l1_loss(a, c))
        close(Functional.l1Loss(a, c), 0.6666666666666666);
        // show("smoothL1Loss", F.smooth_l1_loss(a, c, beta=0.75))
        close(Functional.smoothL1Loss(a, c, 0.75), 0.3055555555555555);

        Tensor t = Tensor.of(1.0, 0.0, 0.5, 1.0, 0.0, 1.0);
        // show("binaryCrossEntropy", F.binary_cross_entropy(torch.tensor([0.0, 1.0, 0.25, 0.5, 0.75, 1e-30]), tt)):
        // the logarithms of 0 and 1e-30 clamped at −100
        close(Functional.binaryCrossEntropy(Tensor.of(0.0, 1.0, 0.25, 0.5, 0.75, 1e-30), t), 45.332330424714506);
        Tensor logits = Tensor.of(1000.0, -1000.0, 0.0, 25.0, -3.5, 0.75).requiresGrad(true);
        Tensor y = Functional.binaryCrossEntropyWithLogits(logits, t);
        // show("binaryCrossEntropyWithLogits", F.binary_cross_entropy_with_logits(lg, tt))
        close(y, 0.18496143416022562);
        backward(y);
        close(logits.grad(), -0.0, -0.0, -0.0, 2.8933337207585432e-12, -0.0061067147398658995, 0.06683777100512646);
    }

    @Test
    void float32GivesPyTorchsValuesToSinglePrecision() {
        Tensor x = v(37, 11, 4, 2, 4).to(DType.FLOAT32);
        Tensor w = v(5, 7, 4, 4).add(1).to(DType.FLOAT32);
        Tensor b = v(3, 5, 4, 4).to(DType.FLOAT32);
        Tensor y = Functional.layerNorm(x, new int[] {4}, w, b, 1e-5);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
        closeWithin(y, 1e-6,
                -0.7610441261829775, 0.6114457131764304, 1.2761041223004839, 0.13855428682356963,
                -0.5499993600122878, 2.3499731205160854, -1.6499820803440568, 0.5999987200245754);
        Tensor xb = v(37, 11, 4, 3, 2, 2).to(DType.FLOAT32);
        Tensor rm = Tensor.zeros(DType.FLOAT32, 2);
        Tensor rv = Tensor.ones(DType.FLOAT32, 2);
        Tensor yb = Functional.batchNorm(xb, rm, rv, w.narrow(0, 0, 2), b.narrow(0, 0, 2), true, 0.1, 1e-5);
        assertThat(yb.dtype()).isEqualTo(DType.FLOAT32);
        closeWithin(yb, 1e-6,
                -0.8759276713521392, -0.5848868935311282, 2.1797865921264568, -1.1973399440948427,
                -0.5121266990758755, -0.22108592125486448, -0.7148932960632284, 1.2148932960632284,
                -0.14832572679961173, -0.6576470879863809, 1.6973399440948427, -1.6797865921264568);
        closeWithin(rm, 1e-6, 0.004166666666666667, -0.025);
        closeWithin(rv, 1e-6, 0.9885416666666667, 0.9725);
    }

    /** The script's {@code v(*shape, a=a, b=b, scale=scale)}. */
    static Tensor v(int a, int b, double scale, int... shape) {
        int n = io.jgrad.Shape.of(shape).numel();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = ((i * (long) a) % b - b / 2) / scale;
        }
        return Tensor.fromArray(d, shape);
    }

    // backward of Σ out·u, u = v(*out.shape, a=29, b=7, scale=2) + 0.25
    private static void backward(Tensor out) {
        out.backward(v(29, 7, 2, out.shape().toArray()).add(0.25));
    }

    private static Tensor longs(long... values) {
        return Tensor.fromArray(values, values.length);
    }

    private static void close(Tensor actual, double... expected) {
        closeWithin(actual, TOL, expected);
    }

    // each element within tol times the largest expected magnitude
    private static void closeWithin(Tensor actual, double tol, double... expected) {
        double[] a = actual.toArray();
        assertThat(a).hasSize(expected.length);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertThat(a[i]).as("element %d", i).isNaN();
            } else {
                assertThat(a[i]).as("element %d of %s", i, List.of(actual.shape()))
                        .isCloseTo(expected[i], Offset.offset(tol * scale + 1e-300));
            }
        }
    }
}
